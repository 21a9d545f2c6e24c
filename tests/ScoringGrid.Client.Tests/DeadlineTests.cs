using ScoringGrid.Client.Tests.Fixtures;
using ScoringGrid.Rpc;

namespace ScoringGrid.Client.Tests;

/// <summary>Every call carries a deadline: the client's default, or the call's own.</summary>
public sealed class DeadlineTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_call_without_a_deadline_carries_the_default_one()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient(o => o.DefaultTimeout = TimeSpan.FromSeconds(7));
        var before = DateTime.UtcNow;

        await client.GetAccountAsync("ann");
        var after = DateTime.UtcNow;

        // The deadline is set when the call starts, somewhere between before and after (the first call also connects).
        var call = Assert.Single(server.Service.Calls, c => c.Method == "GetAccount");
        Assert.NotNull(call.Timeout);
        Assert.InRange(call.Deadline, before + TimeSpan.FromSeconds(6.5), after + TimeSpan.FromSeconds(7.1));
        Assert.Equal("Bearer fake-key", call.Authorization);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_call_sets_its_own_timeout_or_deadline()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient(o => o.DefaultTimeout = TimeSpan.FromSeconds(7));
        var before = DateTime.UtcNow;

        await client.GetAccountAsync("ann", CallSettings.WithTimeout(TimeSpan.FromMinutes(3)));
        await client.GetAccountAsync("bob", CallSettings.WithDeadline(before + TimeSpan.FromHours(1)));

        var calls = server.Service.Calls.Where(c => c.Method == "GetAccount").ToArray();
        Assert.InRange(calls[0].Deadline, before + TimeSpan.FromMinutes(2.9), before + TimeSpan.FromMinutes(3.1));
        Assert.InRange(calls[1].Deadline, before + TimeSpan.FromMinutes(59), before + TimeSpan.FromMinutes(61));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task An_infinite_timeout_sends_no_deadline()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient();

        await client.GetAccountAsync("ann", CallSettings.WithTimeout(Timeout.InfiniteTimeSpan));

        var call = Assert.Single(server.Service.Calls, c => c.Method == "GetAccount");
        Assert.Null(call.Timeout);
        Assert.Equal(DateTime.MaxValue, call.Deadline);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_server_that_never_answers_ends_the_call_at_the_default_deadline()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient(o => o.DefaultTimeout = TimeSpan.FromSeconds(2));
        await client.GetAccountAsync("warm-up");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountScoreAsync("ann"));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await server.Service.ScoreCallEnded.Task.WaitAsync(TestTimeouts.Wait);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Cancellation_ends_the_call()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient();
        using var cancel = new CancellationTokenSource();

        var call = client.GetAccountScoreAsync("ann", cancellationToken: cancel.Token);
        await server.Service.ScoreCallStarted.Task.WaitAsync(TestTimeouts.Wait);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.Service.ScoreCallEnded.Task.WaitAsync(TestTimeouts.Wait);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task An_ingest_stream_carries_the_stream_timeout()
    {
        await using var server = await FakeServer.StartAsync();
        await using var client = server.CreateClient(o => o.StreamTimeout = TimeSpan.FromMinutes(5));
        var before = DateTime.UtcNow;
        await using var stream = client.OpenIngestStream();

        await stream.SendAsync(Interactions.Batch([Interactions.Like("ann", "bob", DateTimeOffset.UtcNow)]));
        await stream.CompleteAsync();

        var call = Assert.Single(server.Service.Calls, c => c.Method == "IngestStream");
        Assert.InRange(call.Deadline, before + TimeSpan.FromMinutes(4.9), before + TimeSpan.FromMinutes(5.1));
    }
}
