using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// Ingest requests the generated client cannot produce, sent as raw bytes through the real
/// endpoint: ids that are not UTF-8, kinds outside the enum, unknown fields, damaged encodings.
/// </summary>
public sealed class WireBytesTests : IClassFixture<ScoringServerFixture>
{
    private static readonly Method<byte[], IngestResponse> RawIngest = BytesMarshaller.RawRequests(ScoringGridMethods.Ingest);

    private readonly ScoringServer _server;

    public WireBytesTests(ScoringServerFixture fixture) => _server = fixture.Server;

    private Task<IngestResponse> SendAsync(params byte[][] fields) =>
        _server.Invoker.AsyncUnaryCall(RawIngest, ScoringServer.As(ScoringServer.KeyA), fields.SelectMany(f => f).ToArray()).ResponseAsync;

    private static byte[] Item(string eventId, byte[] actor, string target, long kind, params byte[][] more) =>
        Field(2, [.. Field(1, eventId), .. Field(2, actor), .. Field(3, target), .. Tag(4, 0), .. Varint((ulong)kind),
            .. Tag(5, 0), .. Varint((ulong)T0), .. more.SelectMany(f => f)]);

    private Task<AccountScore> AccountAsync(string id) =>
        _server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, ScoringServer.As(ScoringServer.KeyA),
            new GetAccountScoreRequest { AccountId = id, AsOf = T0 + Hour }).ResponseAsync;

    [Fact]
    public async Task An_actor_that_is_not_UTF8_is_rejected_by_name_and_the_rest_of_the_batch_applied()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var ack = await SendAsync(
            Field(1, "batch-" + run),
            Item(run + "-bad", [0x61, 0xFF, 0x62], run + "-brand", (long)InteractionKind.Like),
            Item(run + "-good", System.Text.Encoding.UTF8.GetBytes(run + "-fan"), run + "-brand", (long)InteractionKind.Like));

        Assert.Equal("batch-" + run, ack.BatchId);
        Assert.Equal(1u, ack.Accepted);
        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal(0u, rejected.Index);
        Assert.Equal(run + "-bad", rejected.EventId);
        Assert.Equal("actor", rejected.Field);
        Assert.Equal("is not valid UTF-8", rejected.Reason);
        Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        var brand = await AccountAsync(run + "-brand");
        Assert.Equal(1ul, brand.Received.Single(c => c.Kind == InteractionKind.Like).Count);
    }

    [Theory]
    [InlineData(268L)] // its low byte is POST's number
    [InlineData(-1L)]  // sent as ten bytes, read as int32 -1
    [InlineData(1L << 32 | 3)] // int32 keeps the low 32 bits: LIKE
    public async Task A_kind_is_judged_by_the_int32_it_reads_as(long kind)
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var ack = await SendAsync(Item(run, System.Text.Encoding.UTF8.GetBytes(run + "-fan"), run + "-brand", kind));

        var asInt32 = unchecked((int)kind);
        if (asInt32 == (int)InteractionKind.Like)
        {
            Assert.Equal(1u, ack.Accepted);
            Assert.Empty(ack.Rejected);
            return;
        }

        Assert.Equal(0u, ack.Accepted);
        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal("kind", rejected.Field);
        Assert.Equal($"{asInt32} is not a known kind", rejected.Reason);
        var none = await Assert.ThrowsAsync<RpcException>(() => AccountAsync(run + "-fan"));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Unknown_fields_are_skipped_and_the_interaction_applied()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        byte[] unknown = [.. Tag(99, 0), 0x01, .. Field(100, "later field"), .. Tag(101, 5), 1, 2, 3, 4, .. Tag(102, 1), 1, 2, 3, 4, 5, 6, 7, 8];
        var ack = await SendAsync(unknown, Item(run, System.Text.Encoding.UTF8.GetBytes(run + "-fan"), run + "-brand", (long)InteractionKind.Mention, unknown));

        Assert.Equal(1u, ack.Accepted);
        var brand = await AccountAsync(run + "-brand");
        Assert.Equal(1ul, brand.Received.Single(c => c.Kind == InteractionKind.Mention).Count);
    }

    [Fact]
    public async Task A_damaged_interaction_fails_the_call_with_its_index_and_applies_nothing()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var good = Item(run, System.Text.Encoding.UTF8.GetBytes(run + "-fan"), run + "-brand", (long)InteractionKind.Like);
        byte[] damaged = [.. Tag(2, 2), 3, .. Tag(1, 2), 0x09, 0x61]; // event_id claims 9 bytes inside a 3-byte interaction

        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(good, damaged));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("Failed to deserialize the message: interactions[1]: ", error.Status.Detail);
        var none = await Assert.ThrowsAsync<RpcException>(() => AccountAsync(run + "-brand"));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }
}
