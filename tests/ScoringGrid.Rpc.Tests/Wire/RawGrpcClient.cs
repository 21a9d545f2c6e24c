using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Wire;

/// <summary>What came back from a raw HTTP/2 request.</summary>
public sealed record RawResponse(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body, HttpResponseHeaders Trailers)
{
    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public int? GrpcStatus => int.TryParse(Header(Trailers, "grpc-status") ?? Header(Headers, "grpc-status"), out var code) ? code : null;

    public string? GrpcMessage => Header(Trailers, "grpc-message") ?? Header(Headers, "grpc-message");

    /// <summary>True when the status came in the only HEADERS frame: no body, no trailers.</summary>
    public bool IsTrailersOnly => Header(Headers, "grpc-status") is not null && Body.Length == 0 && !Trailers.Any();

    public static string? Header(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The payload of the only message, decompressed when it was compressed.</summary>
    public byte[] SinglePayload()
    {
        var (compressed, payload) = Messages().Single();
        return compressed ? RawGrpcClient.Gunzip(payload) : payload;
    }

    /// <summary>The messages of the body: (compressed flag, payload).</summary>
    public IReadOnlyList<(bool Compressed, byte[] Payload)> Messages()
    {
        var messages = new List<(bool, byte[])>();
        var offset = 0;
        while (offset < Body.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset + 1, 4));
            messages.Add((Body[offset] == 1, Body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return messages;
    }
}

/// <summary>
/// Sends hand-built gRPC requests over HTTP/2 with HttpClient, so that tests control every
/// header and every byte of the body and can see the exact response, trailers included.
/// </summary>
public sealed class RawGrpcClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _address;

    public RawGrpcClient(Uri address)
    {
        _address = address;
        _client = new HttpClient(new SocketsHttpHandler()) { Timeout = TestTimeouts.Call };
    }

    public static byte[] Frame(byte[] payload, bool compressed = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] payload)
    {
        using var input = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public HttpRequestMessage CreateRequest(string path, byte[] body, string? contentType = "application/grpc", HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(_address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    public Task<RawResponse> SendAsync(string path, byte[] body, params (string Name, string Value)[] headers) =>
        SendAsync(path, body, "application/grpc", null, headers);

    public async Task<RawResponse> SendAsync(string path, byte[] body, string? contentType, HttpMethod? method, params (string Name, string Value)[] headers)
    {
        using var request = CreateRequest(path, body, contentType, method);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    public async Task<RawResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeouts.Call);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        return new RawResponse(response.StatusCode, response.Headers, response.Content.Headers, body, response.TrailingHeaders);
    }

    public HttpClient HttpClient => _client;

    public void Dispose() => _client.Dispose();
}
