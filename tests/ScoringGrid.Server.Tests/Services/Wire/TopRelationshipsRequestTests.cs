using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The field-by-field reading of GetTopRelationshipsRequest agrees with the generated protobuf type on
/// any input: the last value of a field wins, enums and limit keep the low 32 bits of a longer varint,
/// unknown fields and known numbers with another wire type are skipped, ids that are not UTF-8 read as
/// the runtime replaces them, and damaged bytes are refused exactly when the generated type refuses them.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class TopRelationshipsRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(GetTopRelationshipsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<GetTopRelationshipsRequest, TopRelationshipsRequest>(GetTopRelationshipsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Varints_longer_than_32_bits_keep_their_low_32_bits_and_the_last_value_wins()
    {
        byte[] bytes =
        [
            .. Field(1, "first"), .. Tag(2, 0), .. Varint(1), .. Tag(3, 0), .. Varint(1UL << 40 | 12),
            .. Tag(4, 0), .. Varint(unchecked((ulong)-1L)), .. Field(1, "ann"), .. Tag(2, 0), .. Varint(1UL << 32 | 3),
        ];

        var request = TopRelationshipsRequest.Parse(new ReadOnlySequence<byte>(bytes));

        Assert.Equal("ann", request.String(request.AccountId));
        Assert.Equal(3, request.Direction);
        Assert.Equal(12u, request.Limit);
        Assert.Equal(-1, request.MinimumTier);
        Assert.False(request.HasAsOf);
        request.Release();
    }

    [Fact]
    public void A_request_larger_than_a_kept_buffer_reads_whole_and_leaves_the_pool_usable()
    {
        var big = new string('q', RequestPayload.MaxKeptBuffer * 2);
        var message = new GetTopRelationshipsRequest { AccountId = big, Limit = 4, AsOf = 9 };

        var request = TopRelationshipsRequest.Parse(new ReadOnlySequence<byte>(message.ToByteArray()));
        Assert.Equal(big, request.String(request.AccountId));
        request.Release();

        for (var i = 0; i < TopRelationshipsRequest.MaxPooled + 10; i++)
        {
            var small = new GetTopRelationshipsRequest { AccountId = "a" + i, Limit = (uint)i }.ToByteArray();
            AssertSame(GetTopRelationshipsRequest.Parser.ParseFrom(small), small);
        }
    }

    [Fact]
    public void A_request_given_back_twice_is_pooled_once() =>
        WireRequestChecks.PooledOnce<TopRelationshipsRequest>(new GetTopRelationshipsRequest().ToByteArray());

    /// <summary>Parses with the wire reader (a pooled request, so earlier requests' state is in play) and compares.</summary>
    private static void AssertSame(GetTopRelationshipsRequest expected, byte[] bytes)
    {
        var request = TopRelationshipsRequest.Parse(new ReadOnlySequence<byte>(bytes));
        try
        {
            Assert.Equal(expected.AccountId, request.String(request.AccountId));
            Assert.Equal((int)expected.Direction, request.Direction);
            Assert.Equal(expected.Limit, request.Limit);
            Assert.Equal((int)expected.MinimumTier, request.MinimumTier);
            Assert.Equal(expected.HasAsOf, request.HasAsOf);
            Assert.Equal(expected.AsOf, request.AsOf);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>Fields in any order and number, each sometimes with another wire type, varints of any width, and unknown fields.</summary>
    private static byte[] RandomRequest(System.Random random) => RandomIdAndVarints(random, lastVarintField: 5, maxFields: 7);
}
