using System.Collections.Concurrent;
using ScoringGrid.Client.Tests.Fixtures;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Client.Tests;

/// <summary>The batcher: flushes on size, on linger time, on demand and on disposal; outcomes per interaction and per batch.</summary>
public sealed class IngestBatcherTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>
{
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_full_batch_is_sent_without_waiting_for_the_linger_time()
    {
        await using var client = fixture.Server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 10, LingerTime = Forever });
        var batches = new ConcurrentQueue<BatchOutcome>();
        batcher.BatchCompleted += (_, batch) => batches.Enqueue(batch);
        var (ann, bob) = (Unique("ann"), Unique("bob"));

        var pending = new List<PendingInteraction>();
        for (var i = 0; i < 25; i++)
        {
            pending.Add(await batcher.AddAsync(Interactions.Like(ann, bob, T0.AddSeconds(i))));
        }

        var firstTwenty = await Task.WhenAll(pending.Take(20).Select(p => p.Outcome)).WaitAsync(TestTimeouts.Wait);
        Assert.All(firstTwenty, o => Assert.Equal(InteractionStatus.Accepted, o.Status));
        Assert.Equal(new[] { 10, 10 }, batches.Select(b => b.Request.Interactions.Count));
        Assert.All(pending.Skip(20), p => Assert.False(p.Outcome.IsCompleted));

        await batcher.FlushAsync().WaitAsync(TestTimeouts.Wait);

        Assert.All(pending, p => Assert.True(p.Outcome.IsCompletedSuccessfully));
        Assert.Equal(new[] { 10, 10, 5 }, batches.Select(b => b.Request.Interactions.Count));
        Assert.Equal(25, batcher.Accepted);
        Assert.Equal(3, batcher.BatchesSent);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_partial_batch_is_sent_after_the_linger_time()
    {
        await using var client = fixture.Server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 1000, LingerTime = TimeSpan.FromMilliseconds(100) });
        var (ann, bob) = (Unique("ann"), Unique("bob"));

        var pending = new[]
        {
            await batcher.AddAsync(Interactions.Like(ann, bob, T0)),
            await batcher.AddAsync(Interactions.Share(ann, bob, T0)),
            await batcher.AddAsync(Interactions.Comment(ann, bob, T0)),
        };
        var outcomes = await Task.WhenAll(pending.Select(p => p.Outcome)).WaitAsync(TestTimeouts.Wait);

        Assert.Single(outcomes.Select(o => o.Batch.BatchId).Distinct());
        Assert.All(outcomes, o => Assert.Equal(InteractionStatus.Accepted, o.Status));
        Assert.Equal(1, batcher.BatchesSent);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Rejections_surface_on_the_interaction_and_its_batch()
    {
        await using var client = fixture.Server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 3, LingerTime = Forever });
        BatchOutcome? batch = null;
        batcher.BatchCompleted += (_, b) => batch = b;
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var noValue = Interactions.Create(InteractionKind.Conversion, ann, bob, T0);

        var good = await batcher.AddAsync(Interactions.Like(ann, bob, T0), state: 1);
        var self = await batcher.AddAsync(Interactions.Follow(ann, ann, T0), state: 2);
        var conversion = await batcher.AddAsync(noValue, state: 3);

        Assert.Equal(InteractionStatus.Accepted, (await good.Outcome.WaitAsync(TestTimeouts.Wait)).Status);
        var selfOutcome = await self.Outcome.WaitAsync(TestTimeouts.Wait);
        Assert.True(selfOutcome.IsRejected);
        Assert.Equal("target", selfOutcome.Rejection!.Field);
        Assert.Equal(2, self.State);
        var conversionOutcome = await conversion.Outcome.WaitAsync(TestTimeouts.Wait);
        Assert.Equal("value", conversionOutcome.Rejection!.Field);
        Assert.Equal((int)StatusCode.InvalidArgument, conversionOutcome.Rejection.Code);
        Assert.Equal(new[] { noValue.EventId, self.Interaction.EventId }.Order(), batch!.Rejections.Select(r => r.Interaction.EventId).Order());
        Assert.Equal(new object[] { 2, 3 }, batch.Rejections.Select(r => r.State!).OrderBy(s => (int)s));
        Assert.Equal(2, batcher.Rejected);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_resent_interaction_is_a_duplicate()
    {
        await using var client = fixture.Server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { LingerTime = Forever });
        var like = Interactions.Like(Unique("ann"), Unique("bob"), T0);

        var first = await batcher.AddAsync(like);
        await batcher.FlushAsync();
        var again = await batcher.AddAsync(like);
        var fresh = await batcher.AddAsync(Interactions.Like(like.Actor, like.Target, T0.AddMinutes(1)));
        await batcher.FlushAsync();

        Assert.Equal(InteractionStatus.Accepted, (await first.Outcome).Status);
        Assert.Equal(InteractionStatus.AcceptedOrDuplicate, (await again.Outcome).Status);
        Assert.Equal(1u, (await again.Outcome).Batch.Ack.Duplicates);
        Assert.Equal(1, batcher.Duplicates);
        Assert.Equal(2, batcher.Accepted);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Disposal_sends_what_is_queued()
    {
        await using var client = fixture.Server.CreateClient();
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var batcher = client.CreateBatcher(new IngestBatcherOptions { LingerTime = Forever });
        var pending = new List<PendingInteraction>();
        for (var i = 0; i < 5; i++)
        {
            pending.Add(await batcher.AddAsync(Interactions.Mention(ann, bob, T0.AddMinutes(i))));
        }

        await batcher.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Wait);

        Assert.All(pending, p => Assert.Equal(InteractionStatus.Accepted, p.Outcome.Result.Status));
        var relationship = await client.GetRelationshipAsync(ann, bob);
        Assert.Equal(5ul, relationship.AToBCounts.Single(c => c.Kind == InteractionKind.Mention).Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AddAsync(Interactions.Like(ann, bob, T0)).AsTask());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_failed_stream_fails_the_outcomes_and_later_adds()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.IngestStreamStatus = StatusCode.PermissionDenied;
        await using var client = server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 2, LingerTime = Forever });

        var first = await batcher.AddAsync(Interactions.Like("ann", "bob", T0));
        var second = await batcher.AddAsync(Interactions.Like("ann", "bob", T0));

        var error = await Assert.ThrowsAsync<RpcException>(() => first.Outcome.WaitAsync(TestTimeouts.Wait));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => second.Outcome.WaitAsync(TestTimeouts.Wait));
        await Assert.ThrowsAsync<RpcException>(() => batcher.AddAsync(Interactions.Like("ann", "bob", T0)).AsTask());
        await Assert.ThrowsAsync<RpcException>(() => batcher.CompleteAsync().WaitAsync(TestTimeouts.Wait));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Batches_survive_a_stream_failure()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.IngestStreamFailuresBeforeAck = 1;
        await using var client = server.CreateClient();
        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 2, LingerTime = TimeSpan.FromMilliseconds(20) });

        var pending = new List<PendingInteraction>();
        for (var i = 0; i < 7; i++)
        {
            pending.Add(await batcher.AddAsync(Interactions.Like("ann", "bob", T0.AddSeconds(i))));
        }

        await batcher.CompleteAsync().WaitAsync(TestTimeouts.Wait);

        Assert.All(pending, p => Assert.Equal(InteractionStatus.Accepted, p.Outcome.Result.Status));
        Assert.Equal(2, batcher.Stream.CallsOpened);
        Assert.Equal(4, server.Service.AckedBatches.Count);
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():n}"[..16];
}
