using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The field-by-field reading of BatchGetRelationshipsRequest agrees with the generated protobuf type on
/// any input: every occurrence of pairs is a pair, within a pair the last id wins, the last as_of wins,
/// unknown fields are skipped, ids that are not UTF-8 read as the runtime replaces them, and each pair
/// echoes as the generated message writes the pair it read (unknown fields kept). Damaged bytes are
/// refused exactly when the generated type refuses them.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class BatchRelationshipsRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(BatchGetRelationshipsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<BatchGetRelationshipsRequest, BatchRelationshipsRequest>(BatchGetRelationshipsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void More_pairs_than_a_pooled_request_keeps_read_whole()
    {
        var message = new BatchGetRelationshipsRequest { AsOf = 5 };
        for (var i = 0; i < BatchRelationshipsRequest.MaxKeptPairs + 70; i++)
        {
            message.Pairs.Add(new AccountPair { AccountA = "a" + i, AccountB = "b" + i });
        }

        AssertSame(message, message.ToByteArray());

        // A payload larger than a pooled request keeps: read from a buffer of its own.
        var huge = new BatchGetRelationshipsRequest { Pairs = { new AccountPair { AccountA = new string('p', BatchRelationshipsRequest.MaxKeptBuffer), AccountB = "q" } } };
        AssertSame(huge, huge.ToByteArray());
        var small = new BatchGetRelationshipsRequest { Pairs = { new AccountPair { AccountA = "x", AccountB = "y" } } }.ToByteArray();
        AssertSame(BatchGetRelationshipsRequest.Parser.ParseFrom(small), small);
    }

    [Fact]
    public void A_request_given_back_twice_is_pooled_once() =>
        WireRequestChecks.PooledOnce<BatchRelationshipsRequest>(new BatchGetRelationshipsRequest().ToByteArray());

    /// <summary>Parses with the wire reader (a pooled request, so earlier requests' state is in play) and compares, echoes included.</summary>
    internal static void AssertSame(BatchGetRelationshipsRequest expected, byte[] bytes)
    {
        var request = BatchRelationshipsRequest.Parse(new ReadOnlySequence<byte>(bytes));
        try
        {
            Assert.Equal(expected.Pairs.Count, request.Count);
            for (var i = 0; i < request.Count; i++)
            {
                Assert.Equal(expected.Pairs[i].AccountA, request.String(request.AccountA(i)));
                Assert.Equal(expected.Pairs[i].AccountB, request.String(request.AccountB(i)));
                var echo = new byte[request.PairSize(i)];
                request.WritePair(i, echo);
                Assert.Equal(expected.Pairs[i].ToByteArray(), echo);
            }

            Assert.Equal(expected.HasAsOf, request.HasAsOf);
            Assert.Equal(expected.AsOf, request.AsOf);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>Pairs (ids repeated, missing, out of order, not UTF-8, with unknown or mistyped fields), as_of, unknown fields.</summary>
    internal static byte[] RandomRequest(System.Random random)
    {
        var bytes = new List<byte>();
        var fields = random.Next(8);
        for (var i = 0; i < fields; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                case 1:
                case 2:
                    var pair = new List<byte>();
                    var inner = random.Next(4);
                    for (var j = 0; j < inner; j++)
                    {
                        pair.AddRange(random.Next(5) switch
                        {
                            0 or 1 => Field(1, RandomId(random)),
                            2 or 3 => Field(2, RandomId(random)),
                            _ => random.Next(2) == 0 ? [.. Tag(1, 0), .. Varint(7)] : UnknownField(random, 3),
                        });
                    }

                    bytes.AddRange(Field(1, [.. pair]));
                    break;
                case 3:
                    bytes.AddRange(Tag(2, 0));
                    bytes.AddRange(Varint(random.Next(3) == 0 ? unchecked((ulong)random.NextInt64(long.MinValue, 0)) : (ulong)random.NextInt64(0, 4_102_444_800_000)));
                    break;
                case 4:
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
