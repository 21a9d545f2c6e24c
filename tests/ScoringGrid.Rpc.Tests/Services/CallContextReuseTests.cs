using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Services;

/// <summary>
/// A call's context is reused by the next call on the same pooled HTTP/2 stream, as Kestrel reuses the
/// stream's HTTP context: each call must still start from a fresh state (no deadline it did not send, a
/// token not cancelled, no trailers, status or write options of the call before) and end with only what
/// it set itself; a deadline still fires on a context whose deadline source was reset and reused.
/// </summary>
public sealed class CallContextReuseTests : IAsyncLifetime
{
    private const string Service = "test.Reuse";
    private readonly List<ServerCallContext> _seen = new();
    private TestServer _server = null!;
    private ScoringGrid.Rpc.Client.GrpcChannel _channel = null!;
    private Method<string, string> _observe = null!;

    public async Task InitializeAsync()
    {
        var text = new Utf8Marshaller();
        _observe = new Method<string, string>(MethodType.Unary, Service, "Observe", text, text);
        var service = ServerServiceDefinition.CreateBuilder(Service)
            .AddMethod(_observe, async (request, context) =>
            {
                // What the call found at its start, then state of its own for the next call not to see.
                bool reused;
                lock (_seen)
                {
                    reused = _seen.Any(seen => ReferenceEquals(seen, context));
                    _seen.Add(context);
                }

                var found = string.Join("|",
                    context.Deadline == DateTime.MaxValue ? "no deadline" : "deadline",
                    context.CancellationToken.IsCancellationRequested ? "cancelled" : "not cancelled",
                    "trailers " + context.ResponseTrailers.Count,
                    context.Status.StatusCode,
                    context.WriteOptions is null ? "no write options" : "write options",
                    context.RequestHeaders.GetValue("call") ?? "no call header");
                context.ResponseTrailers.Add("set-by", request);
                context.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
                if (request.EndsWith("fail", StringComparison.Ordinal))
                {
                    context.ResponseTrailers.Add("failed-by", request);
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, "failed " + request));
                }

                if (request.EndsWith("wait", StringComparison.Ordinal))
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }

                return found + (reused ? "|reused" : "");
            })
            .Build();
        _server = await TestServer.StartAsync(extraService: service);
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Each_call_on_a_reused_stream_starts_fresh_and_ends_with_only_its_own_state()
    {
        var invoker = _channel.CreateCallInvoker();
        var reused = 0;
        for (var i = 0; i < 60; i++)
        {
            // Every other call sends no deadline and no header: it must not find the previous call's.
            // Every fifth waits on its token until its short deadline passes.
            var name = i % 5 == 4 ? $"call{i}-wait" : i % 3 == 2 ? $"call{i}-fail" : $"call{i}";
            var options = i % 5 == 4
                ? new ScoringGrid.Rpc.Client.CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300))
                : i % 2 == 0
                    ? TestTimeouts.Options(new Metadata { { "call", name } })
                    : new ScoringGrid.Rpc.Client.CallOptions();
            var call = invoker.AsyncUnaryCall(_observe, options, name);
            if (name.EndsWith("wait", StringComparison.Ordinal))
            {
                var expired = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeouts.Wait));
                Assert.Equal(StatusCode.DeadlineExceeded, expired.StatusCode);
                continue;
            }

            if (name.EndsWith("fail", StringComparison.Ordinal))
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeouts.Wait));
                Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
                Assert.Equal("failed " + name, error.Status.Detail);
                Assert.Equal(name, error.Trailers.GetValue("failed-by"));
                Assert.Equal([name], error.Trailers.Where(e => e.Key == "set-by").Select(e => e.Value));
                continue;
            }

            var found = (await call.ResponseAsync.WaitAsync(TestTimeouts.Wait)).Split('|');
            Assert.Equal(i % 2 == 0 ? "deadline" : "no deadline", found[0]);
            Assert.Equal("not cancelled", found[1]);
            Assert.Equal("trailers 0", found[2]);
            Assert.Equal(nameof(StatusCode.OK), found[3]);
            Assert.Equal("no write options", found[4]);
            Assert.Equal(i % 2 == 0 ? name : "no call header", found[5]);
            reused += found.Length > 6 ? 1 : 0;
            var trailers = call.GetTrailers();
            Assert.Equal([name], trailers.Where(e => e.Key == "set-by").Select(e => e.Value));
            Assert.Null(trailers.Get("failed-by"));
        }

        // The calls ran one at a time on one connection: Kestrel hands the same stream, and so the same
        // context, to later calls. Were it not reused, this test would not be testing reuse.
        Assert.True(reused > 0, "no call reused a context");
    }

}
