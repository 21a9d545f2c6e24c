using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Services;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>Ingest and every query, end to end through the real gRPC endpoint.</summary>
public sealed class IngestAndQueryTests : IClassFixture<ScoringServerFixture>
{
    private readonly ScoringServer _server;

    public IngestAndQueryTests(ScoringServerFixture fixture) => _server = fixture.Server;

    private Task<IngestResponse> IngestAsync(IngestRequest request, string key = ScoringServer.KeyA) =>
        _server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ScoringServer.As(key), request).ResponseAsync;


    [Fact]
    public async Task A_conversation_is_scored_with_its_components()
    {
        var brand = "brand-" + Guid.NewGuid().ToString("n");
        var ack = await IngestAsync(Batch(
            Make("fan1", brand, InteractionKind.Mention, T0),
            Make("fan1", brand, InteractionKind.Mention, T0 + Hour),
            Make(brand, "fan1", InteractionKind.Reply, T0 + 3 * Hour),
            Make("fan2", brand, InteractionKind.Follow, T0),
            Make("fan2", brand, InteractionKind.Like, T0 + Hour),
            Make("fan3", brand, InteractionKind.Mention, T0 + 2 * Hour),
            Make(brand, "", InteractionKind.Post, T0 + 4 * Hour)));

        Assert.Equal(7u, ack.Accepted);
        Assert.Equal(0u, ack.Duplicates);
        Assert.Empty(ack.Rejected);

        var asOf = T0 + 48 * Hour;
        var relationship = await _server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = brand, AccountB = "fan1" }, AsOf = asOf });
        Assert.Equal(brand, relationship.Pair.AccountA);
        Assert.Equal(1ul, relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Reply).Count);
        Assert.Equal(8, relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Reply).Weight);
        Assert.Equal(2ul, relationship.BToACounts.Single(c => c.Kind == InteractionKind.Mention).Count);
        Assert.InRange(relationship.Reciprocity, 0.01, 1);
        Assert.True(relationship.Strength > 0);
        Assert.Equal(T0, relationship.FirstInteraction);
        Assert.Equal(T0 + 3 * Hour, relationship.LastInteraction);
        Assert.Equal(1u, relationship.RankForA);
        Assert.Equal(Tier.InnerCircle, relationship.TierForA);
        Assert.Equal(Tier.InnerCircle, relationship.TierForB);
        Assert.Equal(asOf, relationship.Parameters.AsOf);

        var responsiveness = await _server.CallAsync(ScoringGridMethods.GetResponsiveness, new GetResponsivenessRequest { AccountId = brand, AsOf = asOf });
        Assert.Equal(2ul, responsiveness.Summary.Answered);
        Assert.Equal(1ul, responsiveness.Summary.OpenPastSla);
        Assert.Equal(1ul, responsiveness.Summary.AnswerSamples);
        Assert.Equal(3 * Hour, responsiveness.Summary.MedianAnswerMs);
        Assert.Equal(2.0 / 3.0, responsiveness.Summary.ResponseRate, 9);

        var open = await _server.CallAsync(ScoringGridMethods.ListOpenExpectations, new ListOpenExpectationsRequest { AccountId = brand, AsOf = asOf });
        var waiting = Assert.Single(open.Expectations);
        Assert.Equal("fan3", waiting.FromAccount);
        Assert.Equal(T0 + 2 * Hour, waiting.OpenedAt);
        Assert.True(waiting.PastSla);
        Assert.Equal(1u, open.TotalOpen);

        var account = await _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = brand, AsOf = asOf });
        Assert.Equal(1ul, account.Posts);
        Assert.Equal(1ul, account.Followers.Followers);
        Assert.Equal(1ul, account.Followers.Engaged);
        Assert.Equal(1.0, account.ConversationRatio);
        Assert.Equal(3ul, account.Received.Single(c => c.Kind == InteractionKind.Mention).Count);
        Assert.True(account.EngagementReceived > account.EngagementGiven);
        Assert.Equal(1ul, account.PostRates.Posts);
        Assert.Equal(1.0, account.PostRates.ApplauseRate);

        var top = await _server.CallAsync(ScoringGridMethods.GetTopRelationships, new GetTopRelationshipsRequest { AccountId = brand, AsOf = asOf });
        Assert.Equal(new[] { "fan1", "fan3", "fan2" }, top.Relationships.Select(r => r.OtherAccount));
        Assert.Equal(new uint[] { 1, 2, 3 }, top.Relationships.Select(r => r.Rank));
        Assert.True(top.Relationships[0].Score > top.Relationships[1].Score);

        var inbound = await _server.CallAsync(ScoringGridMethods.GetTopRelationships, new GetTopRelationshipsRequest { AccountId = brand, Direction = Direction.Outbound, AsOf = asOf });
        Assert.Equal("fan1", inbound.Relationships[0].OtherAccount);
    }

    [Fact]
    public async Task Top_relationships_rank_by_direction_and_filter_by_tier()
    {
        var hub = "hub-" + Guid.NewGuid().ToString("n");
        var items = new List<Interaction>();
        for (var i = 1; i <= 8; i++)
        {
            // Friend i sends the hub i comments; the hub answers only friend 1, with many replies.
            for (var n = 0; n < i; n++)
            {
                items.Add(Make("friend" + i, hub, InteractionKind.Comment, T0 + n));
            }
        }

        for (var n = 0; n < 20; n++)
        {
            items.Add(Make(hub, "friend1", InteractionKind.Reply, T0 + 100 + n));
        }

        Assert.Equal((uint)items.Count, (await IngestAsync(Batch(items.ToArray()))).Accepted);
        var asOf = T0 + Hour;

        var inbound = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Direction = Direction.Inbound, Limit = 8, AsOf = asOf });
        Assert.Equal(Enumerable.Range(1, 8).Reverse().Select(i => "friend" + i), inbound.Relationships.Select(r => r.OtherAccount));

        var outbound = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Direction = Direction.Outbound, Limit = 1, AsOf = asOf });
        Assert.Equal("friend1", Assert.Single(outbound.Relationships).OtherAccount);

        var inner = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Limit = 8, MinimumTier = Tier.InnerCircle, AsOf = asOf });
        Assert.Equal(5, inner.Relationships.Count);
        Assert.All(inner.Relationships, r => Assert.Equal(Tier.InnerCircle, r.Tier));
        Assert.Equal("friend1", inner.Relationships[0].OtherAccount);

        var all = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Limit = 8, AsOf = asOf });
        Assert.Equal(8, all.Relationships.Count);
        Assert.Equal(Tier.Close, all.Relationships[5].Tier);
    }

    [Fact]
    public async Task A_retried_batch_is_not_counted_twice()
    {
        var a = "idem-" + Guid.NewGuid().ToString("n");
        var batch = Batch(Make(a, "x", InteractionKind.Comment, T0), Make("x", a, InteractionKind.Reply, T0 + 1));

        var first = await IngestAsync(batch);
        var retry = await IngestAsync(batch);

        Assert.Equal(2u, first.Accepted);
        Assert.Equal(0u, retry.Accepted);
        Assert.Equal(2u, retry.Duplicates);
        var relationship = await _server.CallAsync(ScoringGridMethods.GetRelationship, new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = "x" } });
        Assert.Equal(1ul, relationship.AToBCounts.Single().Count);
        Assert.Equal(1ul, relationship.BToACounts.Single().Count);
    }

    [Fact]
    public async Task Tenants_are_isolated()
    {
        var a = "iso-" + Guid.NewGuid().ToString("n");
        var batch = Batch(Make(a, "other", InteractionKind.Like, T0, eventId: "shared-event-id-" + a));
        Assert.Equal(1u, (await IngestAsync(batch)).Accepted);

        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = a }, ScoringServer.KeyB));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var pair = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = "other" } }, ScoringServer.KeyB));
        Assert.Equal(StatusCode.NotFound, pair.StatusCode);

        // The same event id is a different event in another tenant.
        Assert.Equal(1u, (await IngestAsync(batch, ScoringServer.KeyB)).Accepted);
        var scoreA = await _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = a });
        Assert.Equal(1ul, scoreA.Given.Single().Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic a2V5")]
    [InlineData("Bearer ")]
    public async Task Calls_without_a_valid_key_are_unauthenticated(string? authorization)
    {
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("authorization", authorization);
        }

        var options = new ScoringGrid.Rpc.Client.CallOptions(headers: headers).WithTimeout(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, options, new GetAccountScoreRequest { AccountId = "a" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Never_seen_accounts_and_pairs_are_not_found()
    {
        var id = "ghost-" + Guid.NewGuid().ToString("n");
        foreach (var call in new Func<Task>[]
        {
            () => _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = id }),
            () => _server.CallAsync(ScoringGridMethods.GetResponsiveness, new GetResponsivenessRequest { AccountId = id }),
            () => _server.CallAsync(ScoringGridMethods.ListOpenExpectations, new ListOpenExpectationsRequest { AccountId = id }),
            () => _server.CallAsync(ScoringGridMethods.GetTopRelationships, new GetTopRelationshipsRequest { AccountId = id }),
            () => _server.CallAsync(ScoringGridMethods.GetAccount, new GetAccountRequest { AccountId = id }),
            () => _server.CallAsync(ScoringGridMethods.GetRelationship, new GetRelationshipRequest { Pair = new AccountPair { AccountA = id, AccountB = id + "x" } }),
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [Fact]
    public async Task Bad_items_are_rejected_alone_with_field_and_reason()
    {
        var good = "good-" + Guid.NewGuid().ToString("n");
        var tooLong = new string('x', 257);
        var nan = Make("a", "b", InteractionKind.Conversion, T0);
        nan.Value = double.NaN;
        var infiniteSentiment = Make("a", "b", InteractionKind.Like, T0);
        infiniteSentiment.Sentiment = double.PositiveInfinity;
        var sentimentOutOfRange = Make("a", "b", InteractionKind.Like, T0);
        sentimentOutOfRange.Sentiment = 2;
        var items = new (Interaction Item, string Field)[]
        {
            (Make("a", "b", InteractionKind.Like, T0, eventId: ""), "event_id"),
            (Make(tooLong, "b", InteractionKind.Like, T0), "actor"),
            (Make("a", tooLong, InteractionKind.Like, T0), "target"),
            (Make("", "b", InteractionKind.Like, T0), "actor"),
            (Make("a", "", InteractionKind.Like, T0), "target"),
            (Make("a", "a", InteractionKind.Like, T0), "target"),
            (Make("a", "b", (InteractionKind)99, T0), "kind"),
            (Make("a", "b", InteractionKind.Unspecified, T0), "kind"),
            (Make("a", "b", InteractionKind.Like, 0), "occurred_at"),
            (Make("a", "b", InteractionKind.Like, DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeMilliseconds()), "occurred_at"),
            (Make("a", "b", InteractionKind.Conversion, T0), "value"),
            (nan, "value"),
            (infiniteSentiment, "sentiment"),
            (sentimentOutOfRange, "sentiment"),
        };
        var batch = Batch(items.Select(i => i.Item).Append(Make(good, "b", InteractionKind.Share, T0)).ToArray());

        var ack = await IngestAsync(batch);

        Assert.Equal(1u, ack.Accepted);
        Assert.Equal(items.Length, ack.Rejected.Count);
        for (var i = 0; i < items.Length; i++)
        {
            var rejected = ack.Rejected[i];
            Assert.Equal((uint)i, rejected.Index);
            Assert.Equal(items[i].Field, rejected.Field);
            Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
            Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        }

        var score = await _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = good });
        Assert.Equal(1ul, score.Given.Single().Count);
    }

    [Fact]
    public async Task Query_arguments_are_checked_with_the_field_named()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest()));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("account_id", empty.Status.Detail);

        var same = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = "x", AccountB = "x" } }));
        Assert.Equal(StatusCode.InvalidArgument, same.StatusCode);
        Assert.Contains("pair.account_b", same.Status.Detail);

        var limit = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = "x", Limit = 151 }));
        Assert.Equal(StatusCode.InvalidArgument, limit.StatusCode);
        Assert.Contains("limit", limit.Status.Detail);
    }

    [Fact]
    public async Task Batch_get_answers_each_pair()
    {
        var a = "bg-" + Guid.NewGuid().ToString("n");
        await IngestAsync(Batch(Make(a, "p1", InteractionKind.Comment, T0), Make("p2", a, InteractionKind.Share, T0)));
        var request = new BatchGetRelationshipsRequest { AsOf = T0 + Hour };
        request.Pairs.Add(new AccountPair { AccountA = "p1", AccountB = a });
        request.Pairs.Add(new AccountPair { AccountA = a, AccountB = "p2" });
        request.Pairs.Add(new AccountPair { AccountA = a, AccountB = "nobody" });
        request.Pairs.Add(new AccountPair { AccountA = a, AccountB = a });

        var response = await _server.CallAsync(ScoringGridMethods.BatchGetRelationships, request);

        Assert.Equal(4, response.Results.Count);
        Assert.Equal(1ul, response.Results[0].Relationship.BToACounts.Single(c => c.Kind == InteractionKind.Comment).Count);
        Assert.Equal(1ul, response.Results[1].Relationship.BToACounts.Single(c => c.Kind == InteractionKind.Share).Count);
        Assert.Equal((int)StatusCode.NotFound, response.Results[2].Error.Code);
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[3].Error.Code);
        Assert.Equal("pairs[3]", response.Results[3].Error.Field);
    }

    [Fact]
    public async Task Streamed_batches_are_acked_in_order()
    {
        var a = "stream-" + Guid.NewGuid().ToString("n");
        using var call = _server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ScoringServer.As(ScoringServer.KeyA));
        var sent = new List<string>();
        for (var b = 0; b < 40; b++)
        {
            var batch = Batch(Enumerable.Range(0, 25).Select(i => Make(a, "t" + (i % 7), InteractionKind.Like, T0 + b * 100 + i)).ToArray());
            sent.Add(batch.BatchId);
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        var acks = new List<IngestResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            acks.Add(call.ResponseStream.Current);
        }

        Assert.Equal(sent, acks.Select(x => x.BatchId));
        Assert.All(acks, x => Assert.Equal(25u, x.Accepted));
        var score = await _server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = a });
        Assert.Equal(1000ul, score.Given.Single().Count);
    }

    [Fact]
    public async Task Accounts_are_upserted_and_read()
    {
        var id = "acct-" + Guid.NewGuid().ToString("n");
        var account = new Account { AccountId = id, DisplayName = "Acme", Segment = Segment.Brand };
        account.Topics.Add("coffee");

        var first = await _server.CallAsync(ScoringGridMethods.UpsertAccount, new UpsertAccountRequest { Account = account });
        var second = await _server.CallAsync(ScoringGridMethods.UpsertAccount, new UpsertAccountRequest { Account = account });
        var read = await _server.CallAsync(ScoringGridMethods.GetAccount, new GetAccountRequest { AccountId = id });

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("Acme", read.DisplayName);
        Assert.Equal(Segment.Brand, read.Segment);
        Assert.Equal(new[] { "coffee" }, read.Topics);
        Assert.True(read.UpdatedAt > 0);

        account.Segment = (Segment)42;
        var bad = await Assert.ThrowsAsync<RpcException>(() => _server.CallAsync(ScoringGridMethods.UpsertAccount, new UpsertAccountRequest { Account = account }));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("account.segment", bad.Status.Detail);
    }
}
