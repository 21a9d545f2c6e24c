using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The field-by-field reading of GetAccountScoreRequest (and of GetResponsivenessRequest, which has its
/// fields) agrees with the generated protobuf type on any
/// input: the last value of a field wins, unknown fields and known numbers with another wire type are
/// skipped, ids that are not UTF-8 read as the runtime replaces them, and damaged bytes are refused
/// exactly when the generated type refuses them.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class AccountRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(GetAccountScoreRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<GetAccountScoreRequest, AccountRequest>(GetAccountScoreRequest.Parser, RandomRequest, AssertSame);

    [Fact]
    public void Any_responsiveness_request_reads_as_the_generated_type_reads_it() =>
        WireRequestChecks.ReadAsGenerated(GetResponsivenessRequest.Parser, RandomRequest, AssertSameResponsiveness);

    [Fact]
    public void Damaged_responsiveness_requests_are_refused_exactly_when_the_generated_type_refuses_them() =>
        WireRequestChecks.RefusedAsGenerated<GetResponsivenessRequest, AccountRequest>(GetResponsivenessRequest.Parser, RandomRequest, AssertSameResponsiveness);

    [Fact]
    public void A_request_given_back_twice_is_pooled_once() =>
        WireRequestChecks.PooledOnce<AccountRequest>(new GetAccountScoreRequest { AccountId = "a" }.ToByteArray());

    /// <summary>Parses with the wire reader (a pooled request, so earlier requests' state is in play) and compares.</summary>
    private static void AssertSame(GetAccountScoreRequest expected, byte[] bytes)
    {
        var request = AccountRequest.Parse(new ReadOnlySequence<byte>(bytes));
        try
        {
            Assert.Equal(expected.AccountId, request.String(request.AccountId));
            Assert.Equal(expected.HasAsOf, request.HasAsOf);
            Assert.Equal(expected.AsOf, request.AsOf);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>GetResponsivenessRequest has GetAccountScoreRequest's fields, and is read by the same wire request.</summary>
    private static void AssertSameResponsiveness(GetResponsivenessRequest expected, byte[] bytes)
    {
        var same = new GetAccountScoreRequest { AccountId = expected.AccountId };
        if (expected.HasAsOf)
        {
            same.AsOf = expected.AsOf;
        }

        AssertSame(same, bytes);
    }

    /// <summary>Fields in any order and number, each sometimes with another wire type, and unknown fields.</summary>
    private static byte[] RandomRequest(System.Random random)
    {
        var bytes = new List<byte>();
        var fields = random.Next(6);
        for (var i = 0; i < fields; i++)
        {
            bytes.AddRange(random.Next(4) switch
            {
                0 => random.Next(6) == 0 ? [.. Tag(1, 0), .. Varint(5)] : Field(1, RandomId(random)),
                1 => random.Next(6) == 0 ? Field(2, "another wire type")
                    : [.. Tag(2, 0), .. Varint(random.Next(3) == 0 ? unchecked((ulong)random.NextInt64(long.MinValue, 0)) : (ulong)random.NextInt64(0, 4_102_444_800_000))],
                _ => UnknownField(random, 3),
            });
        }

        return [.. bytes];
    }
}
