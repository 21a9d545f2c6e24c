using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The field-by-field reading of GetRelationshipRequest agrees with the generated protobuf type on any
/// input: repeated pairs merge, the last as_of wins, unknown fields and known numbers with another wire
/// type are skipped, ids that are not UTF-8 read as the runtime replaces them, and damaged bytes are
/// refused exactly when the generated type refuses them.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class RelationshipRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(GetRelationshipRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<GetRelationshipRequest, RelationshipRequest>(GetRelationshipRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void A_second_pair_merges_into_the_first_and_the_last_as_of_wins()
    {
        byte[] bytes = [.. Field(1, Field(1, "ann")), .. Tag(2, 0), .. Varint(5), .. Field(1, Field(2, "bob")), .. Tag(2, 0), .. Varint(7)];

        var request = RelationshipRequest.Parse(new ReadOnlySequence<byte>(bytes));

        Assert.True(request.HasPair);
        Assert.Equal("ann", request.String(request.AccountA));
        Assert.Equal("bob", request.String(request.AccountB));
        Assert.True(request.HasAsOf);
        Assert.Equal(7, request.AsOf);
        request.Release();
    }

    [Fact]
    public void A_request_larger_than_a_kept_buffer_reads_whole_and_leaves_the_pool_usable()
    {
        var big = new string('q', RelationshipRequest.MaxKeptBuffer * 2);
        var message = new GetRelationshipRequest { Pair = new AccountPair { AccountA = big, AccountB = "b" }, AsOf = 9 };

        var request = RelationshipRequest.Parse(new ReadOnlySequence<byte>(message.ToByteArray()));
        Assert.Equal(big, request.String(request.AccountA));
        request.Release();

        for (var i = 0; i < RelationshipRequest.MaxPooled + 10; i++)
        {
            var small = new GetRelationshipRequest { Pair = new AccountPair { AccountA = "a" + i, AccountB = "b" } }.ToByteArray();
            AssertSame(GetRelationshipRequest.Parser.ParseFrom(small), small);
        }
    }

    [Fact]
    public void A_request_given_back_twice_is_pooled_once() =>
        WireRequestChecks.PooledOnce<RelationshipRequest>(new GetRelationshipRequest().ToByteArray());

    /// <summary>Parses with the wire reader (a pooled request, so earlier requests' state is in play) and compares.</summary>
    private static void AssertSame(GetRelationshipRequest expected, byte[] bytes)
    {
        var request = RelationshipRequest.Parse(new ReadOnlySequence<byte>(bytes));
        try
        {
            Assert.Equal(expected.Pair is not null, request.HasPair);
            Assert.Equal(expected.Pair?.AccountA ?? "", request.String(request.AccountA));
            Assert.Equal(expected.Pair?.AccountB ?? "", request.String(request.AccountB));
            Assert.Equal(expected.HasAsOf, request.HasAsOf);
            Assert.Equal(expected.AsOf, request.AsOf);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>Fields in any order and number: pairs (some partial, some with extra fields), as_of, and unknown or mistyped fields.</summary>
    private static byte[] RandomRequest(System.Random random)
    {
        var bytes = new List<byte>();
        var fields = random.Next(6);
        for (var i = 0; i < fields; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                case 1:
                    var pair = new List<byte>();
                    var inner = random.Next(4);
                    for (var j = 0; j < inner; j++)
                    {
                        pair.AddRange(random.Next(4) switch
                        {
                            0 => Field(1, RandomId(random)),
                            1 => Field(2, RandomId(random)),
                            2 => [.. Tag(1, 0), .. Varint((ulong)random.Next(1000))], // account_a's number, another wire type
                            _ => UnknownField(random, 3),
                        });
                    }

                    bytes.AddRange(Field(1, [.. pair]));
                    break;
                case 2:
                    bytes.AddRange(Tag(2, 0));
                    bytes.AddRange(Varint(random.Next(3) == 0 ? unchecked((ulong)random.NextInt64(long.MinValue, 0)) : (ulong)random.NextInt64(0, 4_102_444_800_000)));
                    break;
                case 3:
                    bytes.AddRange(random.Next(2) == 0 ? Field(2, "as_of as a string") : [.. Tag(1, 0), .. Varint(1)]);
                    break;
                default:
                    bytes.AddRange(UnknownField(random, 3));
                    break;
            }
        }

        return [.. bytes];
    }
}
