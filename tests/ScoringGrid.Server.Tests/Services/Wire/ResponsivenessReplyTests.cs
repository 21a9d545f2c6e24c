using Google.Protobuf;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using Interaction = ScoringGrid.Scoring.Interaction;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A GetResponsiveness response written field by field is the message the generated type writes for the
/// same figures (built here field by field from the scoring model's <see cref="ResponsivenessScore"/>):
/// accounts with answered and unanswered expectations, and accounts never addressed. A reply rented
/// again writes only its new figures.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class ResponsivenessReplyTests
{
    [Fact]
    public void Any_account_writes_the_bytes_of_the_generated_message()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var (id, score, asOf) = Draw(seed);
            var reply = ResponsivenessReply.Rent(id, score, asOf);
            var expected = Expected(id, score, asOf).ToByteArray();
            Assert.Equal(expected.Length, reply.Size());
            var written = new byte[expected.Length];
            reply.Write(written);
            Assert.Equal(expected, written);
            reply.Release();
        }
    }

    [Fact]
    public void The_drawn_accounts_include_answered_open_and_never_addressed_ones()
    {
        var scores = Enumerable.Range(0, 100).Select(seed => Draw(seed).Score).ToArray();
        Assert.Contains(scores, s => s.MedianAnswerMs is not null && s.ResponseRate is not null);
        Assert.Contains(scores, s => s.OpenPastSla > 0);
        Assert.Contains(scores, s => s.Open > s.OpenPastSla);
        Assert.Contains(scores, s => s.Answered == 0 && s.Open == 0);
    }

    [Fact]
    public void An_account_that_was_never_addressed_writes_its_sla_alone_as_the_generated_message_does()
    {
        var state = new AccountState("poster");
        state.ApplyAsActor(new Interaction("p1", "poster", "", InteractionKind.Post, RandomAccounts.Base, null, 0, null), ScoringModel.Default);
        var score = state.ScoreResponsiveness(RandomAccounts.Base, ScoringModel.Default, 0);

        var reply = ResponsivenessReply.Rent("poster", score, RandomAccounts.Base);
        var written = new byte[reply.Size()];
        reply.Write(written);
        Assert.Equal(Expected("poster", score, RandomAccounts.Base).ToByteArray(), written);

        var read = ResponsivenessResponse.Parser.ParseFrom(written);
        Assert.Equal("poster", read.AccountId);
        Assert.False(read.Summary.HasResponseRate);
        Assert.False(read.Summary.HasMedianAnswerMs);
        Assert.Equal(ScoringModel.Default.ResponseSlaMs, read.Summary.SlaMs);
        reply.Release();
    }

    [Fact]
    public void A_reply_rented_again_writes_only_its_new_figures()
    {
        var turns = ResponsivenessReply.PooledCount + 100;
        for (var seed = 0; seed < turns; seed++)
        {
            var (oldId, oldScore, oldAsOf) = Draw(seed);
            var before = ResponsivenessReply.Rent(oldId, oldScore, oldAsOf);
            before.Write(new byte[before.Size()]);
            before.Release();

            var (id, score, asOf) = Draw(seed + 100_000);
            var after = ResponsivenessReply.Rent(id, score, asOf);
            var expected = Expected(id, score, asOf).ToByteArray();
            var written = new byte[expected.Length];
            after.Write(written);
            Assert.Equal(expected, written);
            after.Release();
        }
    }

    [Fact]
    public void A_reply_given_back_twice_is_pooled_once_and_a_destination_of_the_wrong_size_is_refused()
    {
        var (id, score, asOf) = Draw(3);
        var reply = ResponsivenessReply.Rent(id, score, asOf);
        var error = Assert.Throws<InvalidOperationException>(() => reply.Write(new byte[reply.Size() + 2]));
        Assert.Contains("reserved", error.Message);
        var pooled = ResponsivenessReply.PooledCount;

        reply.Release();
        reply.Release();

        Assert.Equal(pooled + 1, ResponsivenessReply.PooledCount);
    }

    /// <summary>The generated message for an account's figures, field by field.</summary>
    internal static ResponsivenessSummary ExpectedSummary(in ResponsivenessScore score)
    {
        var summary = new ResponsivenessSummary
        {
            Answered = (ulong)score.Answered,
            OpenWithinSla = (ulong)(score.Open - score.OpenPastSla),
            OpenPastSla = (ulong)score.OpenPastSla,
            AnswerSamples = (ulong)score.AnswerSamples,
            SlaMs = score.SlaMs,
        };
        if (score.ResponseRate is { } rate)
        {
            summary.ResponseRate = rate;
        }

        if (score.MedianAnswerMs is { } median)
        {
            summary.MedianAnswerMs = median;
        }

        if (score.P90AnswerMs is { } p90)
        {
            summary.P90AnswerMs = p90;
        }

        return summary;
    }

    private static ResponsivenessResponse Expected(string id, in ResponsivenessScore score, long asOf) =>
        new() { AccountId = id, Summary = ExpectedSummary(score), AsOf = asOf };

    /// <summary>A random account's responsiveness (<see cref="RandomAccounts"/>), or, one seed in ten, an empty id and as_of 0.</summary>
    private static (string Id, ResponsivenessScore Score, long AsOf) Draw(int seed)
    {
        var (state, model, asOf) = RandomAccounts.Draw(seed);
        var score = state.ScoreResponsiveness(asOf, model, 0);
        return seed % 10 == 9 ? ("", score, 0) : (state.AccountId, score, asOf);
    }
}
