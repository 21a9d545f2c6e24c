using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using ScoringGrid.Bench.Echo;

namespace ScoringGrid.Rpc.Benchmarks;

/// <summary>
/// The server path of one unary call through <see cref="RpcRequestDispatcher"/>: HTTP-level
/// checks, routing, header parsing, reading and decoding the request frame, the handler,
/// encoding and framing the response, status trailers. Compare: grpc-dotnet allocates about
/// 330 B per unary call on its server path.
/// </summary>
[MemoryDiagnoser]
public class ServerCallBenchmarks
{
    private static readonly Method<EchoMessage, EchoMessage> Echo = new(
        MethodType.Unary, "bench.echo.Echo", "Echo", Marshallers.Protobuf(EchoMessage.Parser), Marshallers.Protobuf(EchoMessage.Parser));

    private static readonly EchoMessage Cached = new() { Payload = ByteString.CopyFrom(new byte[16]) };

    private static readonly Task<EchoMessage> CachedResponse = Task.FromResult(Cached);

    private RpcRequestDispatcher _dispatcher = null!;
    private TestHttpContext _plain = null!;
    private TestHttpContext _withDeadline = null!;
    private TestHttpContext _reused = null!;
    private TestHttpContext _valueTask = null!;

    [GlobalSetup]
    public void Setup()
    {
        var service = ServerServiceDefinition.CreateBuilder("bench.echo.Echo")
            .AddMethod(Echo, (EchoMessage request, ServerCallContext _) => Task.FromResult(request))
            .Build();
        var cached = ServerServiceDefinition.CreateBuilder("bench.echo.Cached")
            .AddMethod(new Method<EchoMessage, EchoMessage>(MethodType.Unary, "bench.echo.Cached", "Echo", Echo.RequestMarshaller, Echo.ResponseMarshaller),
                (EchoMessage _, ServerCallContext _) => CachedResponse)
            .Build();
        var valueTask = ServerServiceDefinition.CreateBuilder("bench.echo.ValueTask")
            .AddUnaryMethod(new Method<EchoMessage, EchoMessage>(MethodType.Unary, "bench.echo.ValueTask", "Echo", Echo.RequestMarshaller, Echo.ResponseMarshaller),
                (EchoMessage _, ServerCallContext _) => new ValueTask<EchoMessage>(Cached))
            .Build();
        _dispatcher = new RpcRequestDispatcher(new[] { service, cached, valueTask }, new RpcServerOptions(), NullLoggerFactory.Instance);
        var frame = Frame(new EchoMessage { Payload = ByteString.CopyFrom(new byte[16]) });
        _plain = new TestHttpContext("/bench.echo.Echo/Echo", frame);
        _withDeadline = new TestHttpContext("/bench.echo.Echo/Echo", frame, ("grpc-timeout", "10S"));
        _reused = new TestHttpContext("/bench.echo.Cached/Echo", frame);
        _valueTask = new TestHttpContext("/bench.echo.ValueTask/Echo", frame);
        UnaryEcho().GetAwaiter().GetResult();
        if (_plain.ResponseBytes != frame.Length || _plain.Trailers.GrpcStatus != "0")
        {
            throw new InvalidOperationException($"echo did not round-trip: {_plain.ResponseBytes} bytes, status {_plain.Trailers.GrpcStatus}");
        }
    }

    /// <summary>Echo handler: the request message is decoded (allocated) and sent back.</summary>
    [Benchmark(Baseline = true)]
    public Task UnaryEcho()
    {
        _plain.Reset();
        return _dispatcher.HandleAsync(_plain.Context);
    }

    /// <summary>The same with a grpc-timeout header: deadline timer and cancellation source.</summary>
    [Benchmark]
    public Task UnaryEchoWithDeadline()
    {
        _withDeadline.Reset();
        return _dispatcher.HandleAsync(_withDeadline.Context);
    }

    /// <summary>A handler that returns a cached response: what the layer itself allocates beside the decoded request.</summary>
    [Benchmark]
    public Task UnaryCachedResponse()
    {
        _reused.Reset();
        return _dispatcher.HandleAsync(_reused.Context);
    }

    /// <summary>A handler that answers a cached response with a completed ValueTask: no task of its own either.</summary>
    [Benchmark]
    public Task UnaryValueTaskResponse()
    {
        _valueTask.Reset();
        return _dispatcher.HandleAsync(_valueTask.Context);
    }

    private static byte[] Frame(EchoMessage message)
    {
        var writer = new ArrayBufferWriter<byte>();
        MessageFrameWriter.Write(writer, message, Echo.RequestMarshaller, MessageFrameWriter.NeverCompress, null);
        return writer.WrittenSpan.ToArray();
    }
}
