using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>Runs alone: the reply pool is shared by every server in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReplyPoolCollection
{
    public const string Name = "Reply pool";
}

/// <summary>
/// Replies are pooled: one given back and rented again for another relationship must write only
/// the new relationship (nothing of the old one, such as its cached sizes, may remain), and one
/// given back twice must be pooled once, or two calls would share it.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class RelationshipReplyPoolTests
{
    [Fact]
    public void A_reply_rented_again_writes_only_its_new_relationship()
    {
        // More turns than the pool holds replies, so every pooled reply is rented again at least once.
        var turns = RelationshipReply.PooledCount + 300;
        for (var seed = 0; seed < turns; seed++)
        {
            var before = RelationshipReplyTests.RandomInputs(seed);
            var reply = before.Rent();
            reply.Write(new byte[reply.Size()]);
            reply.Release();

            // Written without asking its size first, then sized: neither may use a former relationship's sizes.
            var after = RelationshipReplyTests.RandomInputs(seed + 100_000);
            var again = after.Rent();
            var expected = after.Construct().ToMessage().ToByteArray();
            var written = new byte[expected.Length];
            again.Write(written);
            Assert.Equal(expected, written);
            Assert.Equal(expected.Length, again.Size());
            again.Release();
        }
    }

    [Fact]
    public void A_reply_given_back_twice_is_pooled_once()
    {
        var inputs = RelationshipReplyTests.RandomInputs(7);
        var reply = inputs.Rent();
        reply.Release();
        reply.Release();

        // Empty the pool: had the reply been pooled twice, it would be handed out twice.
        var rented = RentAll(inputs);
        Assert.Contains(rented, r => ReferenceEquals(r, reply));
        Assert.Equal(rented.Count, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
        rented.ForEach(r => r.Release());
    }

    [Fact]
    public void A_constructed_reply_is_never_pooled()
    {
        var inputs = RelationshipReplyTests.RandomInputs(11);
        var constructed = inputs.Construct();
        constructed.Release();

        var rented = RentAll(inputs);
        Assert.DoesNotContain(rented, r => ReferenceEquals(r, constructed));
        rented.ForEach(r => r.Release());
    }

    /// <summary>Rents every pooled reply and one more (a new one).</summary>
    private static List<RelationshipReply> RentAll(ReplyInputs inputs)
    {
        var count = RelationshipReply.PooledCount + 1;
        var rented = new List<RelationshipReply>(count);
        for (var i = 0; i < count; i++)
        {
            rented.Add(inputs.Rent());
        }

        return rented;
    }
}
