using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The field-by-field reading of ListOpenExpectationsRequest agrees with the generated protobuf type on
/// any input: the last value of a field wins, limit keeps the low 32 bits of a longer varint, unknown
/// fields and known numbers with another wire type are skipped, ids that are not UTF-8 read as the
/// runtime replaces them, and damaged bytes are refused exactly when the generated type refuses them.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class OpenExpectationsRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(ListOpenExpectationsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<ListOpenExpectationsRequest, OpenExpectationsRequest>(ListOpenExpectationsRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void A_limit_longer_than_32_bits_keeps_its_low_32_bits_and_the_last_value_wins()
    {
        byte[] bytes =
        [
            .. Field(1, "first"), .. Tag(2, 0), .. Varint(1UL << 40 | 12), .. Tag(3, 0), .. Varint(77),
            .. Field(1, "ann"), .. Tag(3, 0), .. Varint(1_767_225_600_000),
        ];

        var request = OpenExpectationsRequest.Parse(new ReadOnlySequence<byte>(bytes));

        Assert.Equal("ann", request.String(request.AccountId));
        Assert.Equal(12u, request.Limit);
        Assert.True(request.HasAsOf);
        Assert.Equal(1_767_225_600_000, request.AsOf);
        request.Release();
    }

    [Fact]
    public void A_request_given_back_twice_is_pooled_once() =>
        WireRequestChecks.PooledOnce<OpenExpectationsRequest>(new ListOpenExpectationsRequest { AccountId = "a", Limit = 3 }.ToByteArray());

    /// <summary>Parses with the wire reader (a pooled request, so earlier requests' state is in play) and compares.</summary>
    private static void AssertSame(ListOpenExpectationsRequest expected, byte[] bytes)
    {
        var request = OpenExpectationsRequest.Parse(new ReadOnlySequence<byte>(bytes));
        try
        {
            Assert.Equal(expected.AccountId, request.String(request.AccountId));
            Assert.Equal(expected.Limit, request.Limit);
            Assert.Equal(expected.HasAsOf, request.HasAsOf);
            Assert.Equal(expected.AsOf, request.AsOf);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>Fields in any order and number, each sometimes with another wire type, varints of any width, and unknown fields.</summary>
    private static byte[] RandomRequest(System.Random random) => RandomIdAndVarints(random, lastVarintField: 3, maxFields: 6);
}
