using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Wire;

/// <summary>
/// The successful paths on the wire: framing across DATA frames, trailers, compression
/// negotiation, and metadata (binary values padded or not, reserved names hidden).
/// </summary>
public sealed class WireProtocolTests : IClassFixture<TestServerFixture>, IDisposable
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";
    private readonly RawGrpcClient _raw;

    public WireProtocolTests(TestServerFixture fixture) => _raw = new RawGrpcClient(fixture.Server.Address);

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task Unary_success_has_headers_one_message_and_status_trailers()
    {
        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 314 }));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentHeaders.ContentType?.MediaType);
        Assert.Null(RawResponse.Header(response.Headers, "grpc-status"));
        Assert.Equal("0", RawResponse.Header(response.Trailers, "grpc-status"));
        var message = Assert.Single(response.Messages());
        Assert.False(message.Compressed);
        Assert.Equal(314, SimpleResponse.Parser.ParseFrom(message.Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task Request_split_into_many_tiny_data_frames_is_reassembled()
    {
        var frame = RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 7, Payload = new Payload { Body = ByteString.CopyFrom(new byte[3000]) } });
        using var request = _raw.CreateRequest(UnaryPath, Array.Empty<byte>());
        request.Content = new DribbleContent(frame, chunkSize: 3);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

        var response = await _raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(7, SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task Gzip_request_is_accepted()
    {
        var payload = RawGrpcClient.Gzip(new SimpleRequest { ResponseSize = 9, ExpectCompressed = new BoolValue { Value = true } }.ToByteArray());

        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(payload, compressed: true), ("grpc-encoding", "gzip"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(9, SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task Response_is_gzip_when_the_client_accepts_it()
    {
        var request = new SimpleRequest { ResponseSize = 5000, ResponseCompressed = new BoolValue { Value = true } };

        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(request), ("grpc-accept-encoding", "identity,deflate,gzip"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("gzip", RawResponse.Header(response.Headers, "grpc-encoding"));
        var message = Assert.Single(response.Messages());
        Assert.True(message.Compressed);
        Assert.True(message.Payload.Length < 1000);
        Assert.Equal(5000, SimpleResponse.Parser.ParseFrom(RawGrpcClient.Gunzip(message.Payload)).Payload.Body.Length);
    }

    [Fact]
    public async Task Response_is_not_compressed_when_the_client_does_not_accept_gzip()
    {
        var request = new SimpleRequest { ResponseSize = 5000, ResponseCompressed = new BoolValue { Value = true } };

        var response = await _raw.SendAsync(UnaryPath, RawGrpcClient.Frame(request));

        Assert.Null(RawResponse.Header(response.Headers, "grpc-encoding"));
        Assert.False(Assert.Single(response.Messages()).Compressed);
    }

    [Fact]
    public async Task Small_responses_stay_uncompressed_below_the_configured_size()
    {
        await using var server = await TestServer.StartAsync(options => options.ResponseCompressionMinimumSize = 1024);
        using var raw = new RawGrpcClient(server.Address);
        var small = new SimpleRequest { ResponseSize = 10, ResponseCompressed = new BoolValue { Value = true } };
        var large = new SimpleRequest { ResponseSize = 4000, ResponseCompressed = new BoolValue { Value = true } };

        var smallResponse = await raw.SendAsync(UnaryPath, RawGrpcClient.Frame(small), ("grpc-accept-encoding", "gzip"));
        var largeResponse = await raw.SendAsync(UnaryPath, RawGrpcClient.Frame(large), ("grpc-accept-encoding", "gzip"));

        Assert.False(smallResponse.Messages().Single().Compressed);
        Assert.True(largeResponse.Messages().Single().Compressed);
    }

    [Fact]
    public async Task Binary_metadata_is_accepted_padded_and_unpadded_and_emitted_unpadded()
    {
        var response = await _raw.SendAsync("/scoringgrid.test.Probe/Headers", RawGrpcClient.Frame(new SimpleRequest()),
            ("padded-bin", "AQI="), ("unpadded-bin", "AQI"), ("plain", "text value"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("AQI", RawResponse.Header(response.Trailers, "echo-padded-bin"));
        Assert.Equal("AQI", RawResponse.Header(response.Trailers, "echo-unpadded-bin"));
        var keys = SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload).Username.Split(',');
        Assert.Contains("plain", keys);
        Assert.Contains("padded-bin", keys);
    }

    [Fact]
    public async Task Reserved_headers_are_not_user_metadata()
    {
        var response = await _raw.SendAsync("/scoringgrid.test.Probe/Headers", RawGrpcClient.Frame(new SimpleRequest()),
            ("grpc-timeout", "10S"), ("grpc-accept-encoding", "gzip"), ("grpc-custom", "x"), ("x-user", "y"));

        var keys = SimpleResponse.Parser.ParseFrom(response.SinglePayload()).Username.Split(',');
        Assert.Contains("x-user", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("grpc-", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith(':') || k is "content-type" or "te");
    }

    /// <summary>Request content written a few bytes at a time, each its own DATA frame.</summary>
    private sealed class DribbleContent(byte[] bytes, int chunkSize) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += chunkSize)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
