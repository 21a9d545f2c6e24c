using Grpc.Testing;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Interop;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task In_flight_calls_finish_and_new_calls_are_refused()
    {
        var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var gate = server.Probe.Gate;

        // Hold a call inside its handler, then begin shutdown.
        var inFlight = invoker.AsyncUnaryCall(ProbeService.Connection, TestTimeouts.Options(), new SimpleRequest { FillUsername = true });
        await WaitUntilAsync(() => Volatile.Read(ref server.Probe.Held) == 1);
        var stopping = server.StopAsync();

        // Once shutdown reaches Kestrel, new calls are refused (GOAWAY on the open connection,
        // then no listener) while the held call is still running.
        var refused = await NextRefusedCallAsync(invoker);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.False(stopping.IsCompleted);
        Assert.False(inFlight.ResponseAsync.IsCompleted);

        // The in-flight call still completes normally.
        gate.SetResult();
        var response = await inFlight.ResponseAsync.WaitAsync(TestTimeouts.Wait);
        Assert.False(string.IsNullOrEmpty(response.ServerId));
        await stopping.WaitAsync(TestTimeouts.Wait);
        await server.DisposeAsync();
    }

    private static async Task<RpcException> NextRefusedCallAsync(CallInvoker invoker)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (true)
        {
            try
            {
                await invoker.AsyncUnaryCall(TestServiceMethods.EmptyCall, TestTimeouts.Options(), new Empty());
            }
            catch (RpcException ex)
            {
                return ex;
            }

            Assert.True(DateTime.UtcNow < until, "new calls were still accepted long after shutdown began");
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
