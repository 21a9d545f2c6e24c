using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A BatchGetRelationships response written field by field is the message the generated type writes:
/// each pair echoed as the request read it (unknown fields kept, as the generated message keeps them),
/// relationships and errors in the order asked, even once the request is given back. The batch gives
/// its relationship replies back with itself, once.
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
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

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
        var request = BatchRelationshipsRequest.Parse(new ReadOnlySequence<byte>(new BatchGetRelationshipsRequest
        {
            Pairs = { new AccountPair { AccountA = "a", AccountB = "b" }, new AccountPair { AccountA = "a", AccountB = "c" } },
        }.ToByteArray()));
        var batch = BatchRelationshipsReply.Rent(2);
        batch.AddRelationship(request, 0, RelationshipReplyTests.RandomInputs(1).Rent());
        batch.AddRelationship(request, 1, RelationshipReplyTests.RandomInputs(2).Rent());
        request.Release();
        var replies = RelationshipReply.PooledCount;
        var batches = BatchRelationshipsReply.PooledCount;

        batch.Release();
        batch.Release();

        Assert.Equal(replies + 2, RelationshipReply.PooledCount);
        Assert.Equal(batches + 1, BatchRelationshipsReply.PooledCount);
    }

    /// <summary>
    /// A rented batch for a random request (given back before the batch is written, as the server
    /// gives it back), and the generated message it stands for, drawn from a seed.
    /// </summary>
    private static (BatchRelationshipsReply Batch, BatchGetRelationshipsResponse Expected) RandomBatch(int seed)
    {
        var random = new System.Random(seed);
        var bytes = BatchRelationshipsRequestTests.RandomRequest(random);
        var asked = BatchGetRelationshipsRequest.Parser.ParseFrom(bytes);
        var request = BatchRelationshipsRequest.Parse(new ReadOnlySequence<byte>(bytes));
        var batch = BatchRelationshipsReply.Rent(request.Count);
        var expected = new BatchGetRelationshipsResponse();
        for (var i = 0; i < request.Count; i++)
        {
            var result = new RelationshipResult { Pair = asked.Pairs[i] };
            if (random.Next(2) == 0)
            {
                var inputs = RelationshipReplyTests.RandomInputs(random.Next());
                batch.AddRelationship(request, i, inputs.Rent());
                result.Relationship = inputs.Construct().ToMessage();
            }
            else
            {
                var code = random.Next(5) == 0 ? -random.Next(1, 100) : random.Next(0, 17);
                var field = random.Next(6) == 0 ? "" : $"pairs[{i}]";
                var reason = random.Next(6) == 0 ? "" : "the accounts never interacted é";
                batch.AddError(request, i, code, field, reason);
                result.Error = new ItemError { Code = code, Field = field, Reason = reason };
            }

            expected.Results.Add(result);
        }

        request.Release();
        return (batch, expected);
    }
}
