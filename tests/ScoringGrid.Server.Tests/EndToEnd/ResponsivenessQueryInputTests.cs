using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetResponsiveness and ListOpenExpectations read their requests field by field, the id as UTF-8
/// bytes, compute the account's responsiveness alone in its turn through a pooled query, and write
/// their answers field by field. Through the real endpoint: each bad input is refused naming its field,
/// a raw request reads as the protobuf runtime reads it, the listing is cut at the limit oldest first,
/// and many calls in a row on one connection each get their own answer.
/// </summary>
public sealed class ResponsivenessQueryInputTests : IClassFixture<ScoringServerFixture>
{
    private static readonly Method<byte[], ResponsivenessResponse> RawGetResponsiveness = BytesMarshaller.RawRequests(ScoringGridMethods.GetResponsiveness);
    private static readonly Method<byte[], ListOpenExpectationsResponse> RawListOpenExpectations = BytesMarshaller.RawRequests(ScoringGridMethods.ListOpenExpectations);

    private readonly ScoringServer _server;

    public ResponsivenessQueryInputTests(ScoringServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, byte[], string> BadResponsivenessRequests => new()
    {
        { "no account", [.. Tag(2, 0), .. Varint(5)], "account_id: must not be empty" },
        { "account too long", Field(1, new string('é', 129)), "account_id: must be at most 256 UTF-8 bytes" },
        { "as_of past 2100", [.. Field(1, "x"), .. Tag(2, 0), .. Varint(4_102_444_800_001)], "as_of: must be milliseconds since the epoch between 1970 and 2100" },
    };

    public static TheoryData<string, byte[], string> BadListRequests => new()
    {
        { "no account", [.. Tag(2, 0), .. Varint(5)], "account_id: must not be empty" },
        { "account too long", Field(1, new string('é', 129)), "account_id: must be at most 256 UTF-8 bytes" },
        { "as_of past 2100", [.. Field(1, "x"), .. Tag(3, 0), .. Varint(4_102_444_800_001)], "as_of: must be milliseconds since the epoch between 1970 and 2100" },
        { "limit past the most listed", [.. Field(1, "x"), .. Tag(2, 0), .. Varint(1_001)], "limit: must be at most 1000" },
        // The runtime keeps the low 32 bits of the varint: 2^32 + 1001 is a limit of 1001.
        { "limit past 32 bits", [.. Field(1, "x"), .. Tag(2, 0), .. Varint((1UL << 32) + 1_001)], "limit: must be at most 1000" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadResponsivenessRequests))]
    public async Task A_bad_responsiveness_request_is_refused_naming_its_field(string _, byte[] request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ResponsivenessAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadListRequests))]
    public async Task A_bad_listing_request_is_refused_naming_its_field(string _, byte[] request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task Raw_requests_read_as_the_protobuf_runtime_reads_them()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string replaced = run + "\uFFFD";
        var reply = Make(replaced, run + "-a", InteractionKind.Reply, T0 + 60_000, eventId: run + "-r1");
        reply.InReplyTo = run + "-m1";
        await IngestAsync(
            Make(run + "-a", replaced, InteractionKind.Mention, T0, eventId: run + "-m1"),
            reply,
            Make(run + "-b", replaced, InteractionKind.DirectMessage, T0 + 1_000, eventId: run + "-d1"),
            Make(run + "-c", replaced, InteractionKind.Mention, T0 + 2_000, eventId: run + "-m2"));
        var invalid = System.Text.Encoding.UTF8.GetBytes(run).Append((byte)0xFF).ToArray();

        // Another id first, an unknown field, then the id that is not UTF-8 (the runtime replaces the
        // bad byte, so it names the account ingested as run + U+FFFD), and as_of twice.
        byte[] responsivenessRequest =
        [
            .. Field(1, "someone-else"), .. Tag(2, 0), .. Varint(1), .. Field(7, "ignored"),
            .. Field(1, invalid), .. Tag(2, 0), .. Varint((ulong)(T0 + Hour)),
        ];
        var responsiveness = await ResponsivenessAsync(responsivenessRequest);

        Assert.Equal(replaced, responsiveness.AccountId);
        Assert.Equal(T0 + Hour, responsiveness.AsOf);
        Assert.Equal(1ul, responsiveness.Summary.Answered);
        Assert.Equal(2ul, responsiveness.Summary.OpenWithinSla);
        Assert.Equal(60_000, responsiveness.Summary.MedianAnswerMs);
        Assert.Equal(1.0, responsiveness.Summary.ResponseRate);

        // The same for the listing: limit 1 after limit 5, as_of a day and an hour on (both past the SLA).
        byte[] listRequest =
        [
            .. Field(1, "someone-else"), .. Tag(2, 0), .. Varint(5), .. Field(9, "ignored"),
            .. Field(1, invalid), .. Tag(2, 0), .. Varint(1), .. Tag(3, 0), .. Varint((ulong)(T0 + 25 * Hour)),
        ];
        var listing = await ListAsync(listRequest);

        Assert.Equal(replaced, listing.AccountId);
        Assert.Equal(T0 + 25 * Hour, listing.AsOf);
        Assert.Equal(2u, listing.TotalOpen);
        var oldest = Assert.Single(listing.Expectations);
        Assert.Equal(run + "-b", oldest.FromAccount);
        Assert.Equal(run + "-d1", oldest.EventId);
        Assert.Equal(T0 + 1_000, oldest.OpenedAt);
        Assert.Equal(25 * Hour - 1_000, oldest.WaitingMs);
        Assert.True(oldest.PastSla);
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_in_a_row_on_one_connection_each_get_their_own_answer()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var brands = Enumerable.Range(0, 3).Select(i => $"{run}-brand{i}").ToArray();

        // Brand b is mentioned by b + 1 fans, a minute apart; none is answered.
        await IngestAsync(brands.SelectMany((brand, b) => Enumerable.Range(0, b + 1)
            .Select(f => Make($"{run}-fan{f}", brand, InteractionKind.Mention, T0 + f * 60_000, eventId: $"{run}-m{b}-{f}"))).ToArray());

        for (var i = 0; i < 200; i++)
        {
            var b = i % brands.Length;
            switch (i % 4)
            {
                case 0:
                    var responsiveness = await _server.CallAsync(ScoringGridMethods.GetResponsiveness, new GetResponsivenessRequest { AccountId = brands[b], AsOf = T0 + Hour });
                    Assert.Equal(brands[b], responsiveness.AccountId);
                    Assert.Equal((ulong)(b + 1), responsiveness.Summary.OpenWithinSla);
                    Assert.False(responsiveness.Summary.HasResponseRate);
                    break;
                case 1:
                case 2:
                    var limit = (uint)(i % 3);
                    var listing = await _server.CallAsync(ScoringGridMethods.ListOpenExpectations, new ListOpenExpectationsRequest { AccountId = brands[b], Limit = limit, AsOf = T0 + Hour });
                    Assert.Equal(brands[b], listing.AccountId);
                    Assert.Equal((uint)(b + 1), listing.TotalOpen);
                    var listed = limit == 0 ? b + 1 : Math.Min((int)limit, b + 1);
                    Assert.Equal(Enumerable.Range(0, listed).Select(f => $"{run}-m{b}-{f}"), listing.Expectations.Select(e => e.EventId));
                    Assert.All(listing.Expectations, e => Assert.False(e.PastSla));
                    break;
                default:
                    var missing = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.ListOpenExpectations, new ListOpenExpectationsRequest { AccountId = brands[b] + "-x" }));
                    Assert.Equal(StatusCode.NotFound, missing.StatusCode);
                    Assert.Equal($"no interaction involves account '{brands[b]}-x'", missing.Status.Detail);
                    break;
            }
        }
    }

    private Task<ResponsivenessResponse> ResponsivenessAsync(byte[] request) =>
        _server.Invoker.AsyncUnaryCall(RawGetResponsiveness, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

    private Task<ListOpenExpectationsResponse> ListAsync(byte[] request) =>
        _server.Invoker.AsyncUnaryCall(RawListOpenExpectations, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

    private async Task IngestAsync(params Interaction[] interactions)
    {
        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch(interactions));
        Assert.Equal((uint)interactions.Length, ack.Accepted);
    }
}
