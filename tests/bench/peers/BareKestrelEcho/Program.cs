// Bare Kestrel peer for the h2load unary-echo comparison.
//
// Usage: dotnet BareKestrelEcho.dll [--terminal] --port <port>
//
// Serves POST /bench.echo.Echo/Echo over cleartext HTTP/2 (h2c) on
// 127.0.0.1:<port> and does the gRPC length-prefixed framing by hand: it reads
// the single request message from the body, copies it into a framed response
// (EchoMessage in == EchoMessage out, so the serialized bytes are identical),
// and ends the call with the grpc-status trailer. It does what a real gRPC
// server must do for a unary call and nothing more.
//
// Two ways of dispatching to that handler:
//   default     app.MapPost(...): endpoint routing + minimal-API RequestDelegate
//               (POST on another path -> 404, other method on the path -> 405).
//   --terminal  app.Run(...): one terminal middleware that compares the path and
//               method itself, with no routing at all (no endpoints are mapped,
//               so WebApplication adds no routing middleware); same 404/405.
//               A stricter ceiling than the default mode.
// Both modes are one binary, so they share the runtimeconfig (GC settings).

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

const string TerminalFlag = "--terminal";
bool terminal = args.Contains(TerminalFlag);
if (terminal)
{
    // Not a key/value pair: keep it away from the command-line configuration
    // provider, which would take the next argument as its value.
    args = Array.FindAll(args, a => a != TerminalFlag);
}

int port = ParsePort(args);
if (port <= 0)
{
    await Console.Error.WriteLineAsync("usage: BareKestrelEcho [--terminal] --port <port>");
    return 2;
}

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
});

WebApplication app = builder.Build();
if (terminal)
{
    app.Run(GrpcEcho.DispatchAsync);
}
else
{
    app.MapPost(GrpcEcho.Path, GrpcEcho.HandleAsync);
}

await app.StartAsync();
Console.WriteLine(terminal ? $"listening on {port} (terminal middleware, no routing)" : $"listening on {port}");
await app.WaitForShutdownAsync();
return 0;

static int ParsePort(string[] args)
{
    for (int i = 0; i < args.Length - 1; i++)
    {
        if (args[i] == "--port" && int.TryParse(args[i + 1], out int value) && value is > 0 and <= 65535)
        {
            return value;
        }
    }

    return -1;
}

/// <summary>Hand-rolled gRPC unary echo over a Kestrel request.</summary>
internal static class GrpcEcho
{
    public const string Path = "/bench.echo.Echo/Echo";

    private const int HeaderSize = 5;

    // Same default receive limit as the common gRPC servers (4 MiB).
    private const uint MaxReceiveMessageSize = 4 * 1024 * 1024;

    // gRPC status codes (as trailer values).
    private const string StatusOk = "0";
    private const string StatusResourceExhausted = "8";
    private const string StatusUnimplemented = "12";
    private const string StatusInternal = "13";

    /// <summary>
    /// Terminal-middleware entry point (--terminal): what MapPost's route match
    /// does, by hand. The path compares case-insensitively like a route
    /// template; a different path is 404, another method on the path is 405.
    /// </summary>
    public static Task DispatchAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!string.Equals(request.Path.Value, Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
            return Task.CompletedTask;
        }

        return HandleAsync(context);
    }

    public static async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;

        // gRPC requires application/grpc[+proto|;...]; anything else is 415.
        string? contentType = request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        response.ContentType = "application/grpc";

        // A unary call carries exactly one message and the request stream must
        // end after it, so read the body to completion before answering.
        PipeReader reader = request.BodyReader;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(context.RequestAborted);
            ReadOnlySequence<byte> buffer = result.Buffer;

            if (buffer.Length >= HeaderSize && ReadHeader(buffer).Length > MaxReceiveMessageSize)
            {
                reader.AdvanceTo(buffer.End);
                Fail(response, StatusResourceExhausted, "Received message larger than max");
                return;
            }

            if (!result.IsCompleted)
            {
                // Consume nothing, mark everything examined: wait for more data.
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            (string Status, string Message)? error = WriteEcho(buffer, response.BodyWriter);
            reader.AdvanceTo(buffer.End);
            if (error is { } e)
            {
                Fail(response, e.Status, e.Message);
                return;
            }

            break;
        }

        // Kestrel sends the headers, the DATA frame and this trailer when the
        // handler returns; grpc-status is what makes the call a success.
        response.AppendTrailer("grpc-status", StatusOk);
    }

    private static (bool Compressed, uint Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return (header[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    /// <summary>
    /// Parses the single length-prefixed message in <paramref name="body"/>
    /// and copies it, framed, into <paramref name="writer"/>.
    /// Returns the gRPC status and message on a malformed request, else null.
    /// </summary>
    private static (string Status, string Message)? WriteEcho(ReadOnlySequence<byte> body, PipeWriter writer)
    {
        if (body.Length < HeaderSize)
        {
            return (StatusInternal, "Incomplete message header");
        }

        (bool compressed, uint length) = ReadHeader(body);
        if (compressed)
        {
            // This peer negotiates no grpc-encoding.
            return (StatusUnimplemented, "Compressed messages are not supported");
        }

        long available = body.Length - HeaderSize;
        if (available < length)
        {
            return (StatusInternal, "Incomplete message");
        }

        if (available > length)
        {
            return (StatusInternal, "Additional data after the unary request message");
        }

        ReadOnlySequence<byte> message = body.Slice(HeaderSize, length);

        Span<byte> header = writer.GetSpan(HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], length);
        writer.Advance(HeaderSize);
        foreach (ReadOnlyMemory<byte> segment in message)
        {
            writer.Write(segment.Span);
        }

        return null;
    }

    private static void Fail(HttpResponse response, string status, string message)
    {
        response.AppendTrailer("grpc-status", status);
        response.AppendTrailer("grpc-message", message);
    }
}
