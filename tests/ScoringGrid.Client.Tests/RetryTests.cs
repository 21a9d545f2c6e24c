using ScoringGrid.TestSupport;
using ScoringGrid.Client.Tests.Fixtures;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;

namespace ScoringGrid.Client.Tests;

/// <summary>Idempotent calls are retried on UNAVAILABLE, within their deadline; nothing else is.</summary>
public sealed class RetryTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_query_that_fails_twice_with_unavailable_succeeds_on_the_third_attempt()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.GetAccountFailures.Enqueue(StatusCode.Unavailable);
        server.Service.GetAccountFailures.Enqueue(StatusCode.Unavailable);
        await using var client = server.CreateClient();

        var account = await client.GetAccountAsync("ann");

        Assert.Equal("ann", account.AccountId);
        Assert.Equal(3, server.Service.GetAccountCalls);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Retries_stop_after_max_attempts()
    {
        await using var server = await FakeServer.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            server.Service.GetAccountFailures.Enqueue(StatusCode.Unavailable);
        }

        await using var client = server.CreateClient(o => o.Retry = o.Retry with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountAsync("ann"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(3, server.Service.GetAccountCalls);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Retries_stop_at_the_deadline()
    {
        await using var server = await FakeServer.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            server.Service.GetAccountFailures.Enqueue(StatusCode.Unavailable);
        }

        await using var client = server.CreateClient(o => o.Retry = new RetryPolicy
        {
            MaxAttempts = 10,
            InitialBackoff = TimeSpan.FromSeconds(5),
            MaxBackoff = TimeSpan.FromSeconds(5),
            Jitter = 0,
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountAsync("ann", CallSettings.WithTimeout(TimeSpan.FromSeconds(2))));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, server.Service.GetAccountCalls);
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task Other_codes_are_not_retried(StatusCode code)
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.GetAccountFailures.Enqueue(code);
        await using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountAsync("ann"));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(1, server.Service.GetAccountCalls);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Upsert_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAccountAsync(new V1.Account { AccountId = "ann" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, server.Service.UpsertCalls);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Unary_ingest_is_retried()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.IngestFailures.Enqueue(StatusCode.Unavailable);
        await using var client = server.CreateClient();

        var ack = await client.IngestAsync([Interactions.Like("ann", "bob", DateTimeOffset.UtcNow)]);

        Assert.Equal(1u, ack.Accepted);
        Assert.Equal(2, server.Service.IngestCalls);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task An_ingest_stream_resends_unacknowledged_batches_on_a_new_call()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.IngestStreamFailuresBeforeAck = 2;
        await using var client = server.CreateClient();
        await using var stream = client.OpenIngestStream();

        var acks = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            stream.SendAsync(Interactions.Batch([Interactions.Like("ann", "bob", DateTimeOffset.UtcNow)], "b" + i))));
        await stream.CompleteAsync();

        Assert.Equal(new[] { "b0", "b1", "b2" }, acks.Select(a => a.BatchId));
        Assert.Equal(3, stream.CallsOpened);
        Assert.Equal(new[] { "b0", "b1", "b2" }, server.Service.AckedBatches);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task An_ingest_stream_fails_its_batches_on_a_status_that_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync();
        server.Service.IngestStreamStatus = StatusCode.PermissionDenied;
        await using var client = server.CreateClient();
        await using var stream = client.OpenIngestStream();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            stream.SendAsync(Interactions.Batch([Interactions.Like("ann", "bob", DateTimeOffset.UtcNow)])));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(1, stream.CallsOpened);
        await Assert.ThrowsAsync<RpcException>(() => stream.SendAsync(Interactions.Batch([])));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_query_waits_for_a_server_that_starts_after_the_first_attempt()
    {
        var port = FreePort.Pick();
        var attempts = new AttemptCounter(new SocketsHttpHandler());
        await using var client = new ScoringGridClient(new ScoringGridClientOptions
        {
            Address = $"http://127.0.0.1:{port}",
            ApiKey = ScoringServer.Key,
            DefaultTimeout = TimeSpan.FromSeconds(20),
            Retry = new RetryPolicy { MaxAttempts = 20, InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromMilliseconds(500) },
            ChannelOptions = new GrpcChannelOptions { HttpHandler = attempts },
        });

        var health = client.CheckHealthAsync();
        await attempts.FirstFailure.Task.WaitAsync(TestTimeouts.Wait);
        await using var server = await ScoringServer.StartAsync(port);

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await health);
        Assert.True(attempts.Count >= 2);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public Task Backoff_grows_to_its_ceiling_and_jitter_only_shortens_it()
    {
        var policy = new RetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(350), BackoffMultiplier = 2, Jitter = 0.5 };

        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.GetBackoff(1, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.GetBackoff(2, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(350), policy.GetBackoff(3, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(350), policy.GetBackoff(60, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.GetBackoff(2, 1));
        Assert.Throws<ArgumentException>(() => new RetryPolicy { MaxAttempts = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new RetryPolicy { Jitter = 2 }.Validate());
        return Task.CompletedTask;
    }

    /// <summary>Counts the HTTP requests (call attempts) and signals the first that failed.</summary>
    private sealed class AttemptCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public TaskCompletionSource FirstFailure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                FirstFailure.TrySetResult();
                throw;
            }
        }
    }
}
