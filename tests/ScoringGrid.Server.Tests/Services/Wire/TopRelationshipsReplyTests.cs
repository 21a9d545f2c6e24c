using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A GetTopRelationships response written field by field is the message the generated type writes:
/// defaults left out as it leaves them out (an empty id, rank 0, no tier, a score of 0 or −0.0), NaN
/// and infinities written. Replies are pooled, so one rented again writes only its new listing, and
/// one given back twice is pooled once.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class TopRelationshipsReplyTests
{
    private static readonly double[] Scores = [0, -0.0, 1, 0.25, 1e-300, 12345.678, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
    private static readonly string[] Others = ["", "b", "brand-7", "é日本", "😀", new string('z', 200)];

    [Fact]
    public void Any_listing_writes_the_bytes_of_the_generated_message() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (reply, expected) = RandomReply(seed);
            var written = new byte[reply.Size()];
            reply.Write(written);
            Assert.Equal(expected.ToByteArray(), written);
            reply.Release();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void A_reply_rented_again_writes_only_its_new_listing()
    {
        // More turns than the pool holds replies, so every pooled reply is rented again at least once.
        var turns = TopRelationshipsReply.PooledCount + 300;
        for (var seed = 0; seed < turns; seed++)
        {
            var (before, _) = RandomReply(seed);
            before.Write(new byte[before.Size()]);
            before.Release();

            var (after, expected) = RandomReply(seed + 100_000);
            var bytes = expected.ToByteArray();
            Assert.Equal(bytes.Length, after.Size());
            var written = new byte[bytes.Length];
            after.Write(written);
            Assert.Equal(bytes, written);
            after.Release();
        }
    }

    [Fact]
    public void A_listing_longer_than_a_kept_one_is_written_whole()
    {
        var count = TopRelationshipsReply.MaxKeptEntries + 44;
        var reply = TopRelationshipsReply.Rent("hub", Direction.Inbound, 86_400_000, 1_700_000_000_000, count);
        var expected = new TopRelationshipsResponse
        {
            AccountId = "hub",
            Direction = Direction.Inbound,
            Parameters = new ScoreParameters { HalfLifeMs = 86_400_000, AsOf = 1_700_000_000_000 },
        };
        for (var i = 0; i < count; i++)
        {
            reply.Add("other-" + i, (uint)(i + 1), Tier.Acquaintance, count - i);
            expected.Relationships.Add(new RankedRelationship { OtherAccount = "other-" + i, Rank = (uint)(i + 1), Tier = Tier.Acquaintance, Score = count - i });
        }

        var written = new byte[reply.Size()];
        reply.Write(written);
        Assert.Equal(expected.ToByteArray(), written);
        Assert.Equal(count, reply.Count);
        Assert.Equal(("other-7", 8u, Tier.Acquaintance, (double)(count - 7)), reply[7]);
        reply.Release();
    }

    [Fact]
    public void A_reply_given_back_twice_is_pooled_once()
    {
        var reply = TopRelationshipsReply.Rent("a", Direction.Both, 1, 2, 0);
        var pooled = TopRelationshipsReply.PooledCount;

        reply.Release();
        reply.Release();

        Assert.Equal(pooled + 1, TopRelationshipsReply.PooledCount);
    }

    [Fact]
    public void A_destination_of_the_wrong_size_is_refused()
    {
        var reply = TopRelationshipsReply.Rent("ann", Direction.Both, 1, 2, 1);
        reply.Add("bob", 1, Tier.InnerCircle, 3.5);
        var error = Assert.Throws<InvalidOperationException>(() => reply.Write(new byte[reply.Size() + 3]));
        Assert.Contains("reserved", error.Message);
        reply.Release();
    }

    /// <summary>A rented reply and the generated message it stands for, drawn from a seed.</summary>
    private static (TopRelationshipsReply Reply, TopRelationshipsResponse Expected) RandomReply(int seed)
    {
        var random = new System.Random(seed);
        var account = random.Next(6) == 0 ? "" : "acct-" + seed;
        var direction = (Direction)random.Next(4);
        var halfLife = random.Next(4) == 0 ? 0 : random.NextInt64(1, 400L * 86_400_000);
        var asOf = random.Next(4) == 0 ? 0 : random.NextInt64(1, 4_102_444_800_000);
        var count = random.Next(3) == 0 ? 0 : random.Next(1, 40);
        var reply = TopRelationshipsReply.Rent(account, direction, halfLife, asOf, count + random.Next(3));
        var expected = new TopRelationshipsResponse
        {
            AccountId = account,
            Direction = direction,
            Parameters = new ScoreParameters { HalfLifeMs = halfLife, AsOf = asOf },
        };
        for (var i = 0; i < count; i++)
        {
            var other = Others[random.Next(Others.Length)];
            var rank = random.Next(5) == 0 ? 0u : (uint)random.Next(1, 200);
            var tier = (Tier)random.Next(7);
            var score = random.Next(2) == 0 ? Scores[random.Next(Scores.Length)] : random.NextDouble() * 1000;
            reply.Add(other, rank, tier, score);
            expected.Relationships.Add(new RankedRelationship { OtherAccount = other, Rank = rank, Tier = tier, Score = score });
        }

        return (reply, expected);
    }
}
