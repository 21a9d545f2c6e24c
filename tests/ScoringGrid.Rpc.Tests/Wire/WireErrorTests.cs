using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Wire;

/// <summary>
/// Every protocol error path, driven by hand-built HTTP/2 requests and asserted on the wire:
/// HTTP status, grpc-status and grpc-message, Trailers-Only or trailers. Each test ends by
/// checking the server still answers a good call.
/// </summary>
public sealed class WireErrorTests : IClassFixture<TestServerFixture>, IDisposable
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";
    private readonly TestServerFixture _fixture;
    private readonly RawGrpcClient _raw;

    public WireErrorTests(TestServerFixture fixture)
    {
        _fixture = fixture;
        _raw = new RawGrpcClient(fixture.Server.Address);
    }

    public void Dispose() => _raw.Dispose();

    private static byte[] SmallRequest => RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 10 });

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/grpcx")]
    public async Task Wrong_content_type_is_http_415(string contentType)
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest, contentType, null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Contains(contentType, response.GrpcMessage);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Missing_content_type_is_http_415()
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest, null, null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Grpc_content_types_are_accepted(string contentType)
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest, contentType, null);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(10, SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task Get_is_http_405()
    {
        using var request = _raw.CreateRequest(UnaryPath, Array.Empty<byte>(), "application/grpc", HttpMethod.Get);
        request.Content = null;
        var response = await _raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.HttpStatus);
    }

    [Fact]
    public async Task Unknown_service_is_unimplemented_trailers_only()
    {
        var response = await _raw.SendAsync("/no.such.Service/Call", SmallRequest);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("no.such.Service", response.GrpcMessage);
        Assert.Equal("application/grpc", response.ContentHeaders.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented_and_names_the_method()
    {
        var response = await _raw.SendAsync("/grpc.testing.TestService/NoSuchMethod", SmallRequest);

        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("NoSuchMethod", response.GrpcMessage);
    }

    [Fact]
    public async Task Message_over_the_receive_limit_is_resource_exhausted_from_its_prefix()
    {
        // The prefix announces 4 MiB + 1 bytes; the server must refuse without waiting for them.
        var prefix = new byte[] { 0, 0x00, 0x40, 0x00, 0x01, 1, 2, 3 };
        var response = await _raw.SendAsync(UnaryPath, prefix);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("exceeds the maximum message size", response.GrpcMessage);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Message_over_a_configured_limit_is_resource_exhausted()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxReceiveMessageSize = 100);
        using var raw = new RawGrpcClient(server.Address);
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[200]) } };

        var response = await raw.SendAsync(UnaryPath, RawGrpcClient.Frame(request));

        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        var fits = await raw.SendAsync(UnaryPath, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 5 }));
        Assert.Equal(0, fits.GrpcStatus);
    }

    [Fact]
    public async Task Truncated_frame_is_internal()
    {
        var truncated = RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 10, Payload = new Payload { Body = ByteString.CopyFrom(new byte[50]) } })[..20];
        var response = await _raw.SendAsync(UnaryPath, truncated);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Truncated_prefix_is_internal()
    {
        var response = await _raw.SendAsync(UnaryPath, new byte[] { 0, 0, 0 });

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Unparsable_protobuf_is_internal()
    {
        var garbage = RawGrpcClient.Frame(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });
        var response = await _raw.SendAsync(UnaryPath, garbage);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Failed to deserialize", response.GrpcMessage);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Invalid_compressed_flag_is_internal()
    {
        var frame = SmallRequest;
        frame[0] = 7;
        var response = await _raw.SendAsync(UnaryPath, frame);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Unary_without_a_message_is_internal()
    {
        var response = await _raw.SendAsync(UnaryPath, Array.Empty<byte>());

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("did not include a message", response.GrpcMessage);
    }

    [Fact]
    public async Task Unary_with_two_messages_is_internal()
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest.Concat(SmallRequest).ToArray());

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Handler_exception_is_unknown_without_details_or_stack_trace()
    {
        var response = await _raw.SendAsync("/scoringgrid.test.Probe/Throw", SmallRequest);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)StatusCode.Unknown, response.GrpcStatus);
        Assert.Equal("Exception was thrown by handler.", response.GrpcMessage);
        var everything = string.Join("\n", response.Headers.NonValidated.Select(h => h.Key + ": " + string.Join(",", h.Value)));
        Assert.DoesNotContain("secret", everything);
        Assert.DoesNotContain(" at ", everything);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Handler_exception_details_only_when_enabled()
    {
        await using var server = await TestServer.StartAsync(options => options.EnableDetailedErrors = true);
        using var raw = new RawGrpcClient(server.Address);

        var response = await raw.SendAsync("/scoringgrid.test.Probe/Throw", SmallRequest);

        Assert.Equal((int)StatusCode.Unknown, response.GrpcStatus);
        Assert.Contains("InvalidOperationException: secret internal detail", response.GrpcMessage);
        Assert.DoesNotContain(" at ", response.GrpcMessage);
    }

    [Fact]
    public async Task Unsupported_encoding_is_unimplemented_and_lists_supported_ones()
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest, ("grpc-encoding", "snappy"));

        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("snappy", response.GrpcMessage);
        var accepted = RawResponse.Header(response.Headers, "grpc-accept-encoding");
        Assert.NotNull(accepted);
        Assert.Contains("gzip", accepted);
    }

    [Fact]
    public async Task Compressed_flag_without_an_encoding_is_internal()
    {
        var payload = RawGrpcClient.Gzip(new SimpleRequest { ResponseSize = 3 }.ToByteArray());
        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(payload, compressed: true));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("compressed flag", response.GrpcMessage);
    }

    [Fact]
    public async Task Corrupt_gzip_payload_is_internal()
    {
        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(new byte[] { 1, 2, 3, 4, 5, 6 }, compressed: true), ("grpc-encoding", "gzip"));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Gzip_bomb_is_resource_exhausted()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxReceiveMessageSize = 64 * 1024);
        using var raw = new RawGrpcClient(server.Address);
        var huge = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[1024 * 1024]) } };
        var compressed = RawGrpcClient.Gzip(huge.ToByteArray());
        Assert.True(compressed.Length < 64 * 1024);

        var response = await raw.SendAsync(UnaryPath, RawGrpcClient.Frame(compressed, compressed: true), ("grpc-encoding", "gzip"));

        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
    }

    [Fact]
    public async Task Invalid_timeout_is_internal()
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest, ("grpc-timeout", "soon"));

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("grpc-timeout", response.GrpcMessage);
    }

    [Fact]
    public async Task Deadline_is_enforced_by_the_server_even_when_the_handler_ignores_it()
    {
        // The handler waits for a gate that opens only after the response has arrived: the
        // status can only come from the server's own deadline.
        var response = await _raw.SendAsync("/scoringgrid.test.Probe/HoldIgnoringDeadline", SmallRequest, ("grpc-timeout", "100m"));
        _fixture.Server.Probe.HoldGate.TrySetResult();

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.Empty(response.Messages());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Deadline_cancels_the_handler_token()
    {
        var id = Guid.NewGuid().ToString();
        var request = RawGrpcClient.Frame(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFromUtf8(id) } });

        var response = await _raw.SendAsync("/scoringgrid.test.Probe/AwaitCancellation", request, ("grpc-timeout", "50m"));

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.True(await _fixture.Server.Probe.CancellationOf(id).Task.WaitAsync(TestTimeouts.Wait));
    }

    [Fact]
    public async Task Client_reset_cancels_the_handler()
    {
        var id = Guid.NewGuid().ToString();
        var request = RawGrpcClient.Frame(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFromUtf8(id) } });
        using var message = _raw.CreateRequest("/scoringgrid.test.Probe/AwaitCancellation", request);
        using var reset = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _raw.SendAsync(message, reset.Token));

        Assert.True(await _fixture.Server.Probe.CancellationOf(id).Task.WaitAsync(TestTimeouts.Wait));
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Status_message_is_percent_encoded()
    {
        const string detail = "50% off \t café ☺ 😈\r\n";
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.FailedPrecondition, Message = detail } };

        var response = await _raw.SendAsync("/scoringgrid.test.Probe/Status", RawGrpcClient.Frame(request));

        Assert.Equal((int)StatusCode.FailedPrecondition, response.GrpcStatus);
        var raw = response.GrpcMessage!;
        Assert.All(raw, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("50%25 off %09 caf%C3%A9 ", raw);
        Assert.Equal(detail, StatusMessageEncoding.Decode(raw));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public async Task Every_status_code_reaches_the_wire(int code)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = code, Message = "code " + code } };

        var response = await _raw.SendAsync("/scoringgrid.test.Probe/Status", RawGrpcClient.Frame(request));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(code, response.GrpcStatus);
    }

    private async Task AssertServerStillServesAsync()
    {
        var response = await _raw.SendAsync(UnaryPath, SmallRequest);
        Assert.Equal(0, response.GrpcStatus);
        Assert.Single(response.Messages());
        Assert.Equal("0", RawResponse.Header(response.Trailers, "grpc-status"));
    }
}
