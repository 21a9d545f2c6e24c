using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetTopRelationships reads its request field by field, the id as UTF-8 bytes, lists in the account's
/// turn into a pooled query and writes its answer field by field. Through the real endpoint: each bad
/// input is refused naming its field, raw requests read as the protobuf runtime reads them (low 32 bits
/// of a longer varint, the last value winning, an id that is not UTF-8 replaced), the tier filter and
/// limits hold, and many calls in a row on one connection each get their own answer.
/// </summary>
public sealed class TopRelationshipsQueryInputTests : IClassFixture<ScoringServerFixture>
{
    private static readonly Method<byte[], TopRelationshipsResponse> RawGetTop = BytesMarshaller.RawRequests(ScoringGridMethods.GetTopRelationships);

    private readonly ScoringServer _server;

    public TopRelationshipsQueryInputTests(ScoringServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, byte[], string> BadRequests => new()
    {
        { "no account", [], "account_id: must not be empty" },
        // 129 characters, 258 UTF-8 bytes: the limit counts bytes.
        { "account too long", Field(1, new string('é', 129)), "account_id: must be at most 256 UTF-8 bytes" },
        { "as_of before 1970", [.. Field(1, "x"), .. Tag(5, 0), .. Varint(unchecked((ulong)-1L))], "as_of: must be milliseconds since the epoch between 1970 and 2100" },
        // Ten bytes on the wire, read as the int32 −1.
        { "direction −1", [.. Field(1, "x"), .. Tag(2, 0), .. Varint(unchecked((ulong)-1L))], "direction: -1 is not a known direction" },
        { "direction 4", [.. Field(1, "x"), .. Tag(2, 0), .. Varint(4)], "direction: 4 is not a known direction" },
        { "minimum tier 7", [.. Field(1, "x"), .. Tag(4, 0), .. Varint(7)], "minimum_tier: 7 is not a known tier" },
        { "limit past the capacity", [.. Field(1, "x"), .. Tag(3, 0), .. Varint(151)], "limit: must be at most 150, the number of relationships tracked per account" },
        // A uint32 keeps the low 32 bits: 2^32 + 151 is 151.
        { "limit past the capacity in its low 32 bits", [.. Field(1, "x"), .. Tag(3, 0), .. Varint((1UL << 32) | 151)], "limit: must be at most 150, the number of relationships tracked per account" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_refused_naming_its_field(string _, byte[] request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_account_never_seen_is_not_found_by_its_id()
    {
        var run = Guid.NewGuid().ToString("n")[..8];

        var error = await Assert.ThrowsAsync<RpcException>(() => TopAsync(run + "-nobody", Direction.Both, 5));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal($"no interaction involves account '{run}-nobody'", error.Status.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_raw_request_reads_as_the_protobuf_runtime_reads_it()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string replaced = run + "\uFFFD";
        await IngestAsync(
            Make(run + "-a", replaced, InteractionKind.Comment, T0),
            Make(run + "-b", replaced, InteractionKind.Comment, T0),
            Make(run + "-b", replaced, InteractionKind.Comment, T0 + 1),
            Make(run + "-c", replaced, InteractionKind.Like, T0));
        var invalid = System.Text.Encoding.UTF8.GetBytes(run).Append((byte)0xFF).ToArray();

        // An account id that is not UTF-8 (the runtime replaces the bad byte, so it names the account
        // ingested as run + U+FFFD) after another id, direction OUTBOUND then INBOUND in its low 32
        // bits, limit 2 in its low 32 bits, unknown fields.
        byte[] request =
        [
            .. Field(1, "someone-else"), .. Tag(2, 0), .. Varint(3), .. Field(9, "ignored"),
            .. Field(1, invalid), .. Tag(2, 0), .. Varint((1UL << 32) | 2), .. Tag(3, 0), .. Varint((1UL << 40) | 2),
            .. Tag(5, 0), .. Varint((ulong)(T0 + Hour)), .. Tag(11, 1), 1, 2, 3, 4, 5, 6, 7, 8,
        ];
        var answer = await SendAsync(request);

        Assert.Equal(replaced, answer.AccountId);
        Assert.Equal(Direction.Inbound, answer.Direction);
        Assert.Equal([run + "-b", run + "-a"], answer.Relationships.Select(r => r.OtherAccount));
        Assert.Equal([1u, 2u], answer.Relationships.Select(r => r.Rank));
        Assert.Equal(T0 + Hour, answer.Parameters.AsOf);
        Assert.True(answer.Relationships[0].Score > answer.Relationships[1].Score);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_whole_tracked_listing_and_the_tier_filter_are_answered()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var hub = run + "-hub";

        // 150 fans, fan i commenting i times: ranks follow i downward; every one is listed at the
        // capacity (a listing longer than a pooled reply's first room).
        var items = new List<Interaction>();
        for (var i = 1; i <= 150; i++)
        {
            for (var n = 0; n < i; n++)
            {
                items.Add(Make($"{run}-fan{i}", hub, InteractionKind.Comment, T0 + n));
            }
        }

        foreach (var chunk in items.Chunk(5_000))
        {
            await IngestAsync(chunk);
        }

        var all = await TopAsync(hub, Direction.Inbound, 150);
        Assert.Equal(Enumerable.Range(1, 150).Reverse().Select(i => $"{run}-fan{i}"), all.Relationships.Select(r => r.OtherAccount));
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (uint)i), all.Relationships.Select(r => r.Rank));

        var close = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Limit = 150, MinimumTier = Tier.Close, AsOf = T0 + Hour });
        Assert.Equal(Direction.Both, close.Direction);
        Assert.Equal(15, close.Relationships.Count);
        Assert.All(close.Relationships.Take(5), r => Assert.Equal(Tier.InnerCircle, r.Tier));
        Assert.All(close.Relationships.Skip(5), r => Assert.Equal(Tier.Close, r.Tier));
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_in_a_row_on_one_connection_each_get_their_own_answer()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var hubs = Enumerable.Range(0, 4).Select(i => $"{run}-hub{i}").ToArray();

        // Hub h has h + 1 fans.
        await IngestAsync(hubs.SelectMany((hub, h) => Enumerable.Range(0, h + 1).Select(f => Make($"{run}-fan{f}", hub, InteractionKind.Like, T0 + f))).ToArray());

        for (var i = 0; i < 200; i++)
        {
            var h = i % hubs.Length;
            if (i % 5 == 4)
            {
                var missing = await Assert.ThrowsAsync<RpcException>(() => TopAsync(hubs[h] + "-x", Direction.Both, 3));
                Assert.Equal($"no interaction involves account '{hubs[h]}-x'", missing.Status.Detail);
                continue;
            }

            var top = await TopAsync(hubs[h], Direction.Inbound, 10);
            Assert.Equal(hubs[h], top.AccountId);
            Assert.Equal(h + 1, top.Relationships.Count);
            Assert.Equal($"{run}-fan{h}", top.Relationships[0].OtherAccount); // the latest like has decayed least
        }
    }

    private Task<TopRelationshipsResponse> SendAsync(byte[] request) =>
        _server.Invoker.AsyncUnaryCall(RawGetTop, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

    private Task<TopRelationshipsResponse> TopAsync(string account, Direction direction, uint limit) =>
        _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = account, Direction = direction, Limit = limit, AsOf = T0 + Hour });

    private async Task IngestAsync(params Interaction[] interactions)
    {
        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch(interactions));
        Assert.Equal((uint)interactions.Length, ack.Accepted);
    }
}
