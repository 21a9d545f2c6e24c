using Google.Protobuf;
using Grpc.Testing;
using ScoringGrid.Interop;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Interop;

/// <summary>The interop test cases, client side, run with our own .NET client channel.</summary>
public sealed class DotNetInteropTests : IClassFixture<TestServerFixture>
{
    private readonly CallInvoker _invoker;
    private readonly TestServerFixture _fixture;

    public DotNetInteropTests(TestServerFixture fixture)
    {
        _fixture = fixture;
        _invoker = fixture.Channel.CreateCallInvoker();
    }

    private static CallOptions Options => TestTimeouts.Options();

    [Fact]
    public async Task Empty_unary()
    {
        var response = await _invoker.AsyncUnaryCall(TestServiceMethods.EmptyCall, Options, new Empty());

        Assert.Equal(new Empty(), response);
    }

    [Fact]
    public async Task Large_unary()
    {
        var request = new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) };

        var response = await _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options, request);

        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.All(response.Payload.Body, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Client_streaming()
    {
        using var call = _invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, Options);
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Payload(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(74922, response.AggregatedPayloadSize);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming()
    {
        var sizes = new[] { 31415, 9, 2653, 58979 };
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = _invoker.AsyncServerStreamingCall(TestServiceMethods.StreamingOutputCall, Options, request);

        var received = new List<int>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received.Add(call.ResponseStream.Current.Payload.Body.Length);
        }

        Assert.Equal(sizes, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Ping_pong()
    {
        var requests = new[] { (31415, 27182), (9, 8), (2653, 1828), (58979, 45904) };
        using var call = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, Options);
        foreach (var (responseSize, requestSize) in requests)
        {
            var request = new StreamingOutputCallRequest { Payload = Payload(requestSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
            await call.RequestStream.WriteAsync(request);

            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(responseSize, call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Empty_stream()
    {
        using var call = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, Options);
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Cancel_after_begin()
    {
        using var cts = new CancellationTokenSource();
        using var call = _invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, Options with { CancellationToken = cts.Token });
        cts.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Cancel_after_first_response()
    {
        using var cts = new CancellationTokenSource();
        using var call = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, Options with { CancellationToken = cts.Token });
        var request = new StreamingOutputCallRequest { Payload = Payload(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(31415, call.ResponseStream.Current.Payload.Body.Length);

        cts.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Timeout_on_sleeping_server()
    {
        using var call = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(1)));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Payload(27182) });
        }
        catch (RpcException ex)
        {
            Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Status_code_and_message()
    {
        var status = new EchoStatus { Code = 2, Message = "test status message" };

        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options, new SimpleRequest { ResponseStatus = status }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, unary.StatusCode);
        Assert.Equal("test status message", unary.Status.Detail);

        using var call = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, Options);
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
        await call.RequestStream.CompleteAsync();
        var duplex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unknown, duplex.StatusCode);
        Assert.Equal("test status message", duplex.Status.Detail);
    }

    [Fact]
    public async Task Special_status_message()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

        var error = await Assert.ThrowsAsync<RpcException>(() => _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options,
            new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task Custom_metadata()
    {
        var headers = new Metadata()
            .Add("x-grpc-test-echo-initial", "test_initial_metadata_value")
            .Add("x-grpc-test-echo-trailing-bin", new byte[] { 0xab, 0xab, 0xab });

        using var unary = _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, TestTimeouts.Options(headers),
            new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) });
        await unary;
        Assert.Equal("test_initial_metadata_value", (await unary.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, unary.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));

        using var duplex = _invoker.AsyncDuplexStreamingCall(TestServiceMethods.FullDuplexCall, TestTimeouts.Options(headers));
        var request = new StreamingOutputCallRequest { Payload = Payload(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request);
        await duplex.RequestStream.CompleteAsync();
        Assert.True(await duplex.ResponseStream.MoveNext(CancellationToken.None));
        Assert.False(await duplex.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("test_initial_metadata_value", (await duplex.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, duplex.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Fact]
    public async Task Unimplemented_method()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _invoker.AsyncUnaryCall(TestServiceMethods.UnimplementedCall, Options, new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Unimplemented_service()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _invoker.AsyncUnaryCall(TestServiceMethods.UnimplementedServiceCall, Options, new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Client_compressed_unary()
    {
        var probe = new SimpleRequest { ExpectCompressed = new BoolValue { Value = true }, ResponseSize = 314159, Payload = Payload(271828) };
        var rejected = await Assert.ThrowsAsync<RpcException>(() => _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options, probe).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, rejected.StatusCode);

        var compressed = await _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options with { Compression = "gzip" }, probe);
        Assert.Equal(314159, compressed.Payload.Body.Length);

        var plain = probe.Clone();
        plain.ExpectCompressed = new BoolValue { Value = false };
        var uncompressed = await _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options, plain);
        Assert.Equal(314159, uncompressed.Payload.Body.Length);
    }

    [Fact]
    public async Task Server_compressed_unary()
    {
        foreach (var compressed in new[] { true, false })
        {
            var request = new SimpleRequest { ResponseCompressed = new BoolValue { Value = compressed }, ResponseSize = 314159, Payload = Payload(271828) };

            var response = await _invoker.AsyncUnaryCall(TestServiceMethods.UnaryCall, Options, request);

            Assert.Equal(314159, response.Payload.Body.Length);
        }
    }

    [Fact]
    public async Task Client_compressed_streaming()
    {
        var probe = _invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, Options);
        try
        {
            await probe.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Payload(27182) });
            await probe.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may answer before the request stream is complete.
        }

        var rejected = await Assert.ThrowsAsync<RpcException>(() => probe.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, rejected.StatusCode);

        using var call = _invoker.AsyncClientStreamingCall(TestServiceMethods.StreamingInputCall, Options with { Compression = "gzip" });
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Payload(27182) });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = false }, Payload = Payload(45904) });
        await call.RequestStream.CompleteAsync();

        Assert.Equal(73086, (await call).AggregatedPayloadSize);
    }

    [Fact]
    public async Task Server_compressed_streaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = true }, Size = 31415 });
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = false }, Size = 92653 });
        using var call = _invoker.AsyncServerStreamingCall(TestServiceMethods.StreamingOutputCall, Options, request);

        var sizes = new List<int>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            sizes.Add(call.ResponseStream.Current.Payload.Body.Length);
        }

        Assert.Equal(new[] { 31415, 92653 }, sizes);
    }

    private static Payload Payload(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
