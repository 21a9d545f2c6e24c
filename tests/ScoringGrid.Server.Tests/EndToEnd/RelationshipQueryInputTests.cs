using Google.Protobuf;
using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetRelationship reads its request field by field, ids as UTF-8 bytes, and answers with the
/// directory's own id strings. Through the real endpoint: each bad input is refused naming its field,
/// a pair is answered in the order asked, raw requests read as the protobuf runtime reads them, and
/// many calls in a row on one connection (reusing pooled requests and call contexts) each get their
/// own answer.
/// </summary>
public sealed class RelationshipQueryInputTests : IClassFixture<ScoringServerFixture>
{
    private static readonly Method<byte[], RelationshipScore> RawGetRelationship = BytesMarshaller.RawRequests(ScoringGridMethods.GetRelationship);
    private static readonly Method<byte[], BatchGetRelationshipsResponse> RawBatchGet = BytesMarshaller.RawRequests(ScoringGridMethods.BatchGetRelationships);

    private readonly ScoringServer _server;

    public RelationshipQueryInputTests(ScoringServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, string?, string?, long?, string> BadRequests => new()
    {
        { "no pair", null, null, null, "pair: is required" },
        { "empty a", "", "x", null, "pair.account_a: must not be empty" },
        { "empty b", "x", "", null, "pair.account_b: must not be empty" },
        // 129 characters, 258 UTF-8 bytes: the limit counts bytes.
        { "a too long", new string('é', 129), "x", null, "pair.account_a: must be at most 256 UTF-8 bytes" },
        { "b too long", "x", new string('é', 129), null, "pair.account_b: must be at most 256 UTF-8 bytes" },
        { "the same account twice", "dup", "dup", null, "pair.account_b: must differ from account_a" },
        { "as_of before 1970", "x", "y", -1L, "as_of: must be milliseconds since the epoch between 1970 and 2100" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_refused_naming_its_field(string _, string? a, string? b, long? asOf, string detail)
    {
        var request = new GetRelationshipRequest();
        if (a is not null)
        {
            request.Pair = new AccountPair { AccountA = a, AccountB = b! };
        }

        if (asOf is { } at)
        {
            request.AsOf = at;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetRelationship, request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pair_is_answered_in_the_order_asked_and_an_unknown_one_is_not_found()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string ann = run + "-ann", bob = run + "-bob";
        await IngestAsync(Make(ann, bob, InteractionKind.Like, T0));

        var asked = await QueryAsync(bob, ann);

        Assert.Equal(bob, asked.Pair.AccountA);
        Assert.Equal(ann, asked.Pair.AccountB);
        Assert.Empty(asked.AToBCounts);
        Assert.Equal(1ul, asked.BToACounts.Single(c => c.Kind == InteractionKind.Like).Count);
        var missing = await Assert.ThrowsAsync<RpcException>(() => QueryAsync(ann, run + "-zed"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"accounts '{ann}' and '{run}-zed' never interacted", missing.Status.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_raw_request_reads_as_the_protobuf_runtime_reads_it()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string replaced = run + "\uFFFD", bob = run + "-bob";
        await IngestAsync(Make(replaced, bob, InteractionKind.Comment, T0));
        var invalid = System.Text.Encoding.UTF8.GetBytes(run).Append((byte)0xFF).ToArray();

        // The pair in two occurrences that merge, an unknown field in it and one around it, and an
        // account_a that is not UTF-8: the runtime replaces the bad byte, so it names the account ingested as run + U+FFFD.
        byte[] request =
        [
            .. Field(1, [.. Field(2, bob), .. Tag(9, 0), .. Varint(1)]),
            .. Field(7, "ignored"),
            .. Field(1, Field(1, invalid)),
            .. Tag(2, 0), .. Varint((ulong)(T0 + Hour)),
        ];
        var answer = await _server.Invoker.AsyncUnaryCall(RawGetRelationship, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

        Assert.Equal(replaced, answer.Pair.AccountA);
        Assert.Equal(bob, answer.Pair.AccountB);
        Assert.Equal(1ul, answer.AToBCounts.Single(c => c.Kind == InteractionKind.Comment).Count);
        Assert.Equal(T0 + Hour, answer.Parameters.AsOf);
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_in_a_row_on_one_connection_each_get_their_own_answer()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var fans = Enumerable.Range(0, 5).Select(i => $"{run}-fan{i}").ToArray();
        var brand = run + "-brand";
        await IngestAsync(fans.Select((fan, i) => Make(fan, brand, InteractionKind.Like, T0 + i)).ToArray());

        for (var i = 0; i < 200; i++)
        {
            var fan = fans[i % fans.Length];
            switch (i % 4)
            {
                case 0:
                    var found = await QueryAsync(brand, fan);
                    Assert.Equal(brand, found.Pair.AccountA);
                    Assert.Equal(fan, found.Pair.AccountB);
                    Assert.Equal(T0 + (i % fans.Length), found.FirstInteraction);
                    break;
                case 1:
                    var missing = await Assert.ThrowsAsync<RpcException>(() => QueryAsync(fan, fan + "-x"));
                    Assert.Equal($"accounts '{fan}' and '{fan}-x' never interacted", missing.Status.Detail);
                    break;
                case 2:
                    var bad = await Assert.ThrowsAsync<RpcException>(() => QueryAsync(fan, fan));
                    Assert.Equal("pair.account_b: must differ from account_a", bad.Status.Detail);
                    break;
                default:
                    var other = await QueryAsync(fan, brand);
                    Assert.Equal(fan, other.Pair.AccountA);
                    Assert.Equal(1ul, other.AToBCounts.Single(c => c.Kind == InteractionKind.Like).Count);
                    break;
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_echoes_each_pair_as_asked_and_answers_in_the_order_asked()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string ann = run + "-ann", bob = run + "-bob", replaced = run + "\uFFFD";
        await IngestAsync(Make(ann, bob, InteractionKind.Like, T0), Make(bob, ann, InteractionKind.Comment, T0 + 1), Make(replaced, bob, InteractionKind.Share, T0));
        var invalid = System.Text.Encoding.UTF8.GetBytes(run).Append((byte)0xFF).ToArray();

        // The second pair carries a field this server does not know: the answer echoes it, as the
        // generated message would. The fifth names an account by bytes that are not UTF-8, read (and
        // echoed) as the runtime replaces them.
        byte[] request =
        [
            .. Field(1, [.. Field(1, bob), .. Field(2, ann)]),
            .. Field(1, [.. Field(1, ann), .. Field(2, bob), .. Tag(9, 0), .. Varint(300)]),
            .. Field(1, [.. Field(1, ann), .. Field(2, run + "-zed")]),
            .. Field(1, [.. Field(1, ann), .. Field(2, ann)]),
            .. Field(1, [.. Field(1, invalid), .. Field(2, bob)]),
            .. Tag(2, 0), .. Varint((ulong)(T0 + Hour)),
        ];
        var answer = await _server.Invoker.AsyncUnaryCall(RawBatchGet, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

        Assert.Equal(5, answer.Results.Count);
        Assert.Equal(bob, answer.Results[0].Relationship.Pair.AccountA);
        Assert.Equal(1ul, answer.Results[0].Relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Comment).Count);
        Assert.Equal([.. Field(1, ann), .. Field(2, bob), .. Tag(9, 0), .. Varint(300)], answer.Results[1].Pair.ToByteArray());
        Assert.Equal(1ul, answer.Results[1].Relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Like).Count);
        Assert.Equal(T0 + Hour, answer.Results[1].Relationship.Parameters.AsOf);
        Assert.Equal(new ItemError { Code = (int)StatusCode.NotFound, Field = "pairs[2]", Reason = "the accounts never interacted" }, answer.Results[2].Error);
        Assert.Equal(new ItemError { Code = (int)StatusCode.InvalidArgument, Field = "pairs[3]", Reason = "pairs[3].account_b: must differ from account_a" }, answer.Results[3].Error);
        Assert.Equal(replaced, answer.Results[4].Pair.AccountA);
        Assert.Equal(replaced, answer.Results[4].Relationship.Pair.AccountA);
        Assert.Equal(1ul, answer.Results[4].Relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Share).Count);
    }

    private Task<RelationshipScore> QueryAsync(string a, string b) =>
        _server.CallAsync(ScoringGridMethods.GetRelationship, new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = b }, AsOf = T0 + Hour });

    private async Task IngestAsync(params Interaction[] interactions)
    {
        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch(interactions));
        Assert.Equal((uint)interactions.Length, ack.Accepted);
    }
}
