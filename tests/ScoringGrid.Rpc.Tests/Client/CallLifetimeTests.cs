using System.Reflection;
using System.Runtime.CompilerServices;
using Grpc.Testing;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Client;

/// <summary>What a finished call leaves behind on the caller's side.</summary>
public sealed class CallLifetimeTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_finished_call_is_not_kept_alive_by_the_callers_cancellation_token()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        using var longLived = new CancellationTokenSource(); // e.g. a worker's token, outliving its calls

        var calls = await CallAsync(invoker, longLived.Token, 50);
        for (var attempt = 0; attempt < 10 && calls.Any(c => c.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(20);
        }

        var alive = calls.Count(c => c.IsAlive);
        Assert.True(alive == 0, $"{alive} of {calls.Count} finished calls are still reachable while the caller's token lives");
        Assert.False(longLived.IsCancellationRequested);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_the_callers_token_still_cancels_a_running_call()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        using var caller = new CancellationTokenSource();

        // The probe holds the call until its gate opens (never, here).
        var call = invoker.AsyncUnaryCall(ProbeService.Connection, TestTimeouts.Options().WithCancellationToken(caller.Token), new SimpleRequest { FillUsername = true });
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (Volatile.Read(ref server.Probe.Held) < 1)
        {
            Assert.True(DateTime.UtcNow < until, "the call did not reach the server");
            await Task.Delay(10);
        }

        await caller.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    /// <summary>Makes finished calls and returns weak references to their state.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<List<WeakReference>> CallAsync(CallInvoker invoker, CancellationToken token, int count)
    {
        var state = typeof(AsyncUnaryCall<SimpleResponse>).GetField("_state", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var calls = new List<WeakReference>();
        for (var i = 0; i < count; i++)
        {
            var call = invoker.AsyncUnaryCall(ProbeService.Connection, TestTimeouts.Options().WithCancellationToken(token), new SimpleRequest());
            await call.ResponseAsync;
            calls.Add(new WeakReference(state.GetValue(call)));
        }

        return calls;
    }
}
