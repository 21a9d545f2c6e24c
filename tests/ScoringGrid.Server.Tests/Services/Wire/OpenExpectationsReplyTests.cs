using Google.Protobuf;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using OpenExpectation = ScoringGrid.Scoring.OpenExpectation;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A ListOpenExpectations response written field by field is the message the generated type writes for
/// the same listing (built here as one message per expectation from the scoring model's
/// <see cref="ResponsivenessScore.OpenExpectations"/>): listings cut at any limit, expectations past the
/// SLA and within it, none listed, and a listing longer than a pooled reply keeps room for.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class OpenExpectationsReplyTests
{
    [Fact]
    public void Any_listing_writes_the_bytes_of_the_generated_message()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var (id, score, asOf) = Draw(seed);
            AssertWritesGenerated(id, score, asOf);
        }
    }

    [Fact]
    public void The_drawn_listings_include_expectations_past_and_within_the_sla_and_cut_ones()
    {
        var scores = Enumerable.Range(0, 100).Select(seed => Draw(seed).Score).ToArray();
        Assert.Contains(scores, s => s.OpenExpectations.Any(o => o.AgeMs > s.SlaMs));
        Assert.Contains(scores, s => s.OpenExpectations.Any(o => o.AgeMs <= s.SlaMs));
        Assert.Contains(scores, s => s.OpenExpectations.Count > 0 && s.Open > s.OpenExpectations.Count);
        Assert.Contains(scores, s => s.OpenExpectations.Count == 0);
    }

    [Fact]
    public void A_listing_longer_than_the_kept_room_writes_whole_and_the_replies_after_it_write_theirs()
    {
        var listed = Enumerable.Range(0, OpenExpectationsReply.MaxKeptEntries + 500)
            .Select(i => new OpenExpectation("fan-" + i, RandomAccounts.Base + i, "m-" + i, i % 3 == 0 ? 0 : 90_000_000L + i))
            .ToArray();
        var score = new ResponsivenessScore { SlaMs = 86_400_000, Open = listed.Length + 7, OpenPastSla = 3, OpenExpectations = listed };
        AssertWritesGenerated("brand", score, RandomAccounts.Base + 1_000);

        for (var seed = 0; seed < OpenExpectationsReply.PooledCount + 20; seed++)
        {
            var (id, small, asOf) = Draw(seed);
            AssertWritesGenerated(id, small, asOf);
        }
    }

    [Fact]
    public void A_reply_given_back_twice_is_pooled_once_and_a_destination_of_the_wrong_size_is_refused()
    {
        var (id, score, asOf) = Draw(5);
        var reply = OpenExpectationsReply.Rent(id, score, asOf);
        var error = Assert.Throws<InvalidOperationException>(() => reply.Write(new byte[reply.Size() + 2]));
        Assert.Contains("reserved", error.Message);
        var pooled = OpenExpectationsReply.PooledCount;

        reply.Release();
        reply.Release();

        Assert.Equal(pooled + 1, OpenExpectationsReply.PooledCount);
        Assert.Empty(reply.Listed);
    }

    private static void AssertWritesGenerated(string id, in ResponsivenessScore score, long asOf)
    {
        var reply = OpenExpectationsReply.Rent(id, score, asOf);
        var expected = Expected(id, score, asOf).ToByteArray();
        Assert.Equal(expected.Length, reply.Size());
        var written = new byte[expected.Length];
        reply.Write(written);
        Assert.Equal(expected, written);
        reply.Release();
    }

    /// <summary>The generated message for a listing, one message per expectation.</summary>
    private static ListOpenExpectationsResponse Expected(string id, in ResponsivenessScore score, long asOf)
    {
        var response = new ListOpenExpectationsResponse { AccountId = id, TotalOpen = (uint)score.Open, AsOf = asOf };
        foreach (var open in score.OpenExpectations)
        {
            response.Expectations.Add(new V1.OpenExpectation
            {
                FromAccount = open.Sender,
                EventId = open.EventId,
                OpenedAt = open.OpenedAtMs,
                WaitingMs = open.AgeMs,
                PastSla = open.AgeMs > score.SlaMs,
            });
        }

        return response;
    }

    /// <summary>A random account's listing (<see cref="RandomAccounts"/>) at a random limit, as ListOpenExpectations asks for it.</summary>
    private static (string Id, ResponsivenessScore Score, long AsOf) Draw(int seed)
    {
        var (state, model, asOf) = RandomAccounts.Draw(seed);
        var limit = new System.Random(seed).Next(4) switch { 0 => 1, 1 => 3, 2 => 50, _ => 1_000 };
        return (state.AccountId, state.ScoreResponsiveness(asOf, model, limit), asOf);
    }
}
