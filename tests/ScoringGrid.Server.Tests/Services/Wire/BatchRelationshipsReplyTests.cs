using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A BatchGetRelationships response written field by field is the message the generated type writes:
/// each pair echoed as asked (unknown fields kept, as the generated message keeps them), relationships
/// and errors in the order asked. The batch gives its relationship replies back with itself, once.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class BatchRelationshipsReplyTests
{
    [Fact]
    public void Any_batch_writes_the_bytes_of_the_generated_message() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (batch, expected) = RandomBatch(seed);
            var bytes = expected.ToByteArray();
            Assert.Equal(bytes.Length, batch.Size());
            var written = new byte[bytes.Length];
            batch.Write(written);
            Assert.Equal(bytes, written);
            batch.Release();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void A_batch_rented_again_writes_only_its_new_results()
    {
        for (var seed = 0; seed < BatchRelationshipsReply.PooledCount + 50; seed++)
        {
            var (before, _) = RandomBatch(seed);
            before.Write(new byte[before.Size()]);
            before.Release();

            var (after, expected) = RandomBatch(seed + 100_000);
            var bytes = expected.ToByteArray();
            var written = new byte[bytes.Length];
            after.Write(written);
            Assert.Equal(bytes, written);
            after.Release();
        }
    }

    [Fact]
    public void A_batch_gives_its_replies_back_once()
    {
        var relationships = RelationshipReply.PooledCount;
        var batch = BatchRelationshipsReply.Rent(2);
        batch.AddRelationship(new AccountPair { AccountA = "a", AccountB = "b" }, RelationshipReplyTests.RandomInputs(1).Rent());
        batch.AddRelationship(new AccountPair { AccountA = "a", AccountB = "c" }, RelationshipReplyTests.RandomInputs(2).Rent());
        var rentedTwo = RelationshipReply.PooledCount;
        var batches = BatchRelationshipsReply.PooledCount;

        batch.Release();
        batch.Release();

        Assert.True(rentedTwo <= relationships);
        Assert.Equal(rentedTwo + 2, RelationshipReply.PooledCount);
        Assert.Equal(batches + 1, BatchRelationshipsReply.PooledCount);
    }

    /// <summary>A rented batch and the generated message it stands for, drawn from a seed.</summary>
    private static (BatchRelationshipsReply Batch, BatchGetRelationshipsResponse Expected) RandomBatch(int seed)
    {
        var random = new System.Random(seed);
        var count = random.Next(4) == 0 ? 0 : random.Next(1, 30);
        var batch = BatchRelationshipsReply.Rent(count);
        var expected = new BatchGetRelationshipsResponse();
        for (var i = 0; i < count; i++)
        {
            // A pair as a client's generated message would send it, sometimes with a field this server does not know.
            var pair = new AccountPair { AccountA = "a-" + random.Next(50), AccountB = random.Next(6) == 0 ? "" : "b-" + random.Next(50) };
            if (random.Next(5) == 0)
            {
                pair = AccountPair.Parser.ParseFrom([.. pair.ToByteArray(), .. UnknownField(random, 3)]);
            }

            var result = new RelationshipResult { Pair = pair };
            if (random.Next(2) == 0)
            {
                var inputs = RelationshipReplyTests.RandomInputs(random.Next());
                batch.AddRelationship(pair, inputs.Rent());
                result.Relationship = inputs.Construct().ToMessage();
            }
            else
            {
                var code = random.Next(5) == 0 ? -random.Next(1, 100) : random.Next(0, 17);
                var field = random.Next(6) == 0 ? "" : $"pairs[{i}]";
                var reason = random.Next(6) == 0 ? "" : "the accounts never interacted é";
                batch.AddError(pair, code, field, reason);
                result.Error = new ItemError { Code = code, Field = field, Reason = reason };
            }

            expected.Results.Add(result);
        }

        return (batch, expected);
    }
}
