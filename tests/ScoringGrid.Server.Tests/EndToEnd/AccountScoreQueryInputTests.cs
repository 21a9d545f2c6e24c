using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetAccountScore reads its request field by field, the id as UTF-8 bytes, scores the account in its
/// turn through a pooled query and writes its answer field by field. Through the real endpoint: each
/// bad input is refused naming its field, a raw request reads as the protobuf runtime reads it, and many
/// calls in a row on one connection, mixed with the other account queries, each get their own answer.
/// </summary>
public sealed class AccountScoreQueryInputTests : IClassFixture<ScoringServerFixture>
{
    private static readonly Method<byte[], AccountScore> RawGetAccountScore = BytesMarshaller.RawRequests(ScoringGridMethods.GetAccountScore);

    private readonly ScoringServer _server;

    public AccountScoreQueryInputTests(ScoringServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, byte[], string> BadRequests => new()
    {
        { "no account", [.. Tag(2, 0), .. Varint(5)], "account_id: must not be empty" },
        // 129 characters, 258 UTF-8 bytes: the limit counts bytes.
        { "account too long", Field(1, new string('é', 129)), "account_id: must be at most 256 UTF-8 bytes" },
        { "as_of past 2100", [.. Field(1, "x"), .. Tag(2, 0), .. Varint(4_102_444_800_001)], "as_of: must be milliseconds since the epoch between 1970 and 2100" },
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
    public async Task A_raw_request_reads_as_the_protobuf_runtime_reads_it()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string replaced = run + "\uFFFD";
        var reply = Make(replaced, run + "-a", InteractionKind.Reply, T0 + 60_000, eventId: run + "-r1");
        reply.InReplyTo = run + "-m1";
        await IngestAsync(Make(run + "-a", replaced, InteractionKind.Mention, T0, eventId: run + "-m1"), reply, Make(run + "-b", replaced, InteractionKind.Follow, T0));
        var invalid = System.Text.Encoding.UTF8.GetBytes(run).Append((byte)0xFF).ToArray();

        // Another id first, an unknown field, then the id that is not UTF-8 (the runtime replaces the
        // bad byte, so it names the account ingested as run + U+FFFD), and as_of twice.
        byte[] request =
        [
            .. Field(1, "someone-else"), .. Tag(2, 0), .. Varint(1), .. Field(7, "ignored"),
            .. Field(1, invalid), .. Tag(2, 0), .. Varint((ulong)(T0 + Hour)),
        ];
        var answer = await SendAsync(request);

        Assert.Equal(replaced, answer.AccountId);
        Assert.Equal(T0 + Hour, answer.Parameters.AsOf);
        Assert.Equal(1ul, answer.Received.Single(c => c.Kind == InteractionKind.Mention).Count);
        Assert.Equal(1ul, answer.Given.Single(c => c.Kind == InteractionKind.Reply).Count);
        Assert.Equal(1ul, answer.Responsiveness.Answered);
        Assert.Equal(60_000, answer.Responsiveness.MedianAnswerMs);
        Assert.Equal(1ul, answer.Followers.Followers);
        Assert.Equal(T0, answer.FirstInteraction);
        Assert.Equal(T0 + 60_000, answer.LastInteraction);
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_in_a_row_on_one_connection_each_get_their_own_answer()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var brands = Enumerable.Range(0, 3).Select(i => $"{run}-brand{i}").ToArray();

        // Brand b has b + 1 fans, each liking it once.
        await IngestAsync(brands.SelectMany((brand, b) => Enumerable.Range(0, b + 1).Select(f => Make($"{run}-fan{f}", brand, InteractionKind.Like, T0 + f))).ToArray());

        for (var i = 0; i < 150; i++)
        {
            var b = i % brands.Length;
            switch (i % 5)
            {
                case 0:
                case 1:
                    var score = await _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = brands[b], AsOf = T0 + Hour });
                    Assert.Equal(brands[b], score.AccountId);
                    Assert.Equal((ulong)(b + 1), score.Received.Single(c => c.Kind == InteractionKind.Like).Count);
                    break;
                case 2:
                    var top = await _server.CallAsync(ScoringGridMethods.GetTopRelationships, new GetTopRelationshipsRequest { AccountId = brands[b], AsOf = T0 + Hour });
                    Assert.Equal(b + 1, top.Relationships.Count);
                    break;
                case 3:
                    var responsiveness = await _server.CallAsync(ScoringGridMethods.GetResponsiveness, new GetResponsivenessRequest { AccountId = brands[b], AsOf = T0 + Hour });
                    Assert.Equal(brands[b], responsiveness.AccountId);
                    Assert.Equal(0ul, responsiveness.Summary.Answered);
                    break;
                default:
                    var missing = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = brands[b] + "-x" }));
                    Assert.Equal(StatusCode.NotFound, missing.StatusCode);
                    Assert.Equal($"no interaction involves account '{brands[b]}-x'", missing.Status.Detail);
                    break;
            }
        }
    }

    private Task<AccountScore> SendAsync(byte[] request) =>
        _server.Invoker.AsyncUnaryCall(RawGetAccountScore, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

    private async Task IngestAsync(params Interaction[] interactions)
    {
        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch(interactions));
        Assert.Equal((uint)interactions.Length, ack.Accepted);
    }
}
