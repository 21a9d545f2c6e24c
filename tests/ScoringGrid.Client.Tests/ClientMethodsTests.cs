using Grpc.Health.V1;
using ScoringGrid.Client.Tests.Fixtures;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Client.Tests;

/// <summary>Every RPC through the client against the real server.</summary>
public sealed class ClientMethodsTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddDays(-2);

    private ScoringServer Server => fixture.Server;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Upsert_then_get_account()
    {
        await using var client = Server.CreateClient();
        var id = Unique("acct");
        var account = new Account { AccountId = id, DisplayName = "Ada", Segment = Segment.Customer, Topics = { "coffee" } };

        var first = await client.UpsertAccountAsync(account);
        var second = await client.UpsertAccountAsync(account);
        var read = await client.GetAccountAsync(id);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("Ada", read.DisplayName);
        Assert.Equal(Segment.Customer, read.Segment);
        Assert.Equal(new[] { "coffee" }, read.Topics);
        Assert.True(read.UpdatedAt > 0);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Scores_after_ingest()
    {
        await using var client = Server.CreateClient();
        var (ann, bob, cat) = (Unique("ann"), Unique("bob"), Unique("cat"));
        var mention = Interactions.Mention(ann, bob, T0);
        var ack = await client.IngestAsync(
        [
            mention,
            Interactions.Reply(bob, ann, T0.AddMinutes(30), inReplyTo: mention.EventId),
            Interactions.DirectMessage(cat, bob, T0.AddHours(1)),
            Interactions.Like(ann, bob, T0.AddHours(2)),
            Interactions.Post(bob, T0.AddHours(3)),
            Interactions.Conversion(ann, bob, 25.5, T0.AddHours(4)),
        ]);
        Assert.Equal(6u, ack.Accepted);
        var asOf = T0.AddHours(30);

        var score = await client.GetAccountScoreAsync(bob, asOf);
        Assert.Equal(bob, score.AccountId);
        Assert.Equal(1ul, score.Posts);
        Assert.Equal(asOf.ToUnixTimeMilliseconds(), score.Parameters.AsOf);
        Assert.True(score.EngagementReceived > 0);

        var relationship = await client.GetRelationshipAsync(ann, bob, asOf);
        Assert.Equal(ann, relationship.Pair.AccountA);
        Assert.True(relationship.AToB > relationship.BToA);
        Assert.True(relationship.Reciprocity is > 0 and < 1);

        var batch = await client.BatchGetRelationshipsAsync([(bob, cat), (ann, cat)], asOf);
        Assert.NotNull(batch.Results[0].Relationship);
        Assert.Equal((int)StatusCode.NotFound, batch.Results[1].Error.Code);

        var top = await client.GetTopRelationshipsAsync(bob, Direction.Inbound, limit: 1, asOf: asOf);
        Assert.Equal(ann, Assert.Single(top.Relationships).OtherAccount);
        Assert.Equal(Tier.InnerCircle, top.Relationships[0].Tier);

        var responsiveness = await client.GetResponsivenessAsync(bob, asOf);
        Assert.Equal(1ul, responsiveness.Summary.Answered);
        Assert.Equal(1ul, responsiveness.Summary.OpenPastSla);
        Assert.Equal(30 * 60_000L, responsiveness.Summary.MedianAnswerMs);

        var open = await client.ListOpenExpectationsAsync(bob, limit: 10, asOf: asOf);
        var expectation = Assert.Single(open.Expectations);
        Assert.Equal(cat, expectation.FromAccount);
        Assert.True(expectation.PastSla);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Never_seen_account_is_not_found()
    {
        await using var client = Server.CreateClient();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountScoreAsync(Unique("nobody")));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NOT_FOUND", StatusNames.Canonical(error.StatusCode));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Unknown_key_is_unauthenticated()
    {
        await using var client = Server.CreateClient(o => o.ApiKey = "not-a-key");
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountAsync("anyone"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Health_check_reports_serving()
    {
        await using var client = Server.CreateClient();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await client.CheckHealthAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await client.CheckHealthAsync("scoringgrid.v1.ScoreService"));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Ingest_stream_acks_every_batch_in_order()
    {
        await using var client = Server.CreateClient();
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var stream = client.OpenIngestStream();
        var sends = Enumerable.Range(0, 5)
            .Select(i => stream.SendAsync(Interactions.Batch([Interactions.Like(ann, bob, T0.AddMinutes(i))], "b" + i)))
            .ToArray();
        var acks = await Task.WhenAll(sends);
        await stream.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => "b" + i), acks.Select(a => a.BatchId));
        Assert.All(acks, a => Assert.Equal(1u, a.Accepted));
        Assert.Equal(1, stream.CallsOpened);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Ingest_batches_counts_duplicates_and_rejections()
    {
        await using var client = Server.CreateClient();
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var like = Interactions.Like(ann, bob, T0);
        var acks = await client.IngestBatchesAsync(
        [
            Interactions.Batch([like, Interactions.Follow(ann, ann, T0)]),
            Interactions.Batch([like]),
        ]);

        Assert.Equal(1u, acks[0].Accepted);
        var rejected = Assert.Single(acks[0].Rejected);
        Assert.Equal(1u, rejected.Index);
        Assert.Equal("target", rejected.Field);
        Assert.Equal(1u, acks[1].Duplicates);
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():n}"[..16];
}
