using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Services;

/// <summary>
/// The server hands each unary and client-streaming response back to its marshaller
/// (<see cref="Marshaller{T}.Release"/>) once written, so pooled responses can be reused: once per
/// response, never for one whose write failed.
/// </summary>
public sealed class MarshallerReleaseTests : IAsyncLifetime
{
    private const int MaxSend = 1024;
    private readonly CountingMarshaller _responses = new();
    private TestServer _server = null!;
    private ScoringGrid.Rpc.Client.GrpcChannel _channel = null!;
    private Method<string, string> _echo = null!;
    private Method<string, string> _join = null!;

    public async Task InitializeAsync()
    {
        var requests = new Utf8Marshaller();
        _echo = new Method<string, string>(MethodType.Unary, "test.Release", "Echo", requests, _responses);
        _join = new Method<string, string>(MethodType.ClientStreaming, "test.Release", "Join", requests, _responses);
        var service = ServerServiceDefinition.CreateBuilder("test.Release")
            .AddMethod(_echo, (request, _) => Task.FromResult(request.StartsWith("big", StringComparison.Ordinal) ? new string('x', 2 * MaxSend) : request + "!"))
            .AddMethod(_join, async (reader, _) =>
            {
                var joined = new StringBuilder();
                while (await reader.MoveNext(CancellationToken.None))
                {
                    joined.Append(reader.Current);
                }

                return joined.ToString();
            })
            .Build();
        _server = await TestServer.StartAsync(configureRpc: o => o.MaxSendMessageSize = MaxSend, extraService: service);
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Each_written_response_is_released_once_and_a_failed_write_is_not()
    {
        var invoker = _channel.CreateCallInvoker();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"m{i}!", await invoker.AsyncUnaryCall(_echo, TestTimeouts.Options(), $"m{i}").ResponseAsync);
        }

        for (var i = 0; i < 3; i++)
        {
            using var call = invoker.AsyncClientStreamingCall(_join, TestTimeouts.Options());
            await call.RequestStream.WriteAsync($"s{i}-");
            await call.RequestStream.WriteAsync("end");
            await call.RequestStream.CompleteAsync();
            Assert.Equal($"s{i}-end", await call.ResponseAsync);
        }

        // The server releases a response after writing it, so the last ones may trail the replies.
        var expected = Enumerable.Range(0, 20).Select(i => $"m{i}!").Concat(Enumerable.Range(0, 3).Select(i => $"s{i}-end")).Order(StringComparer.Ordinal).ToArray();
        await WaitForAsync(() => _responses.Released.Count >= expected.Length);
        Assert.Equal(expected, _responses.Released.Order(StringComparer.Ordinal).ToArray());

        // Too large to send: the call fails with RESOURCE_EXHAUSTED before anything is written, and
        // the status goes out after the point where a written response would have been released.
        var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(_echo, TestTimeouts.Options(), "big").ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(expected.Length, _responses.Released.Count);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(10);
        }
    }

    private sealed class CountingMarshaller : Utf8Marshaller
    {
        public ConcurrentQueue<string> Released { get; } = new();

        public override void Release(string message) => Released.Enqueue(message);
    }
}
