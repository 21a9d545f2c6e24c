namespace ScoringGrid.Rpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The HTTP handler to send calls with; by default a SocketsHttpHandler that opens more
    /// HTTP/2 connections when one runs out of streams.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>. Default true.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>Largest response message accepted, in bytes (after decompression). Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Encoding of request messages unless a call says otherwise: null (identity) or <c>gzip</c>.</summary>
    public string? SendCompression { get; set; }

    /// <summary>Tell servers that compressed responses are welcome (<c>grpc-accept-encoding</c>). Default true.</summary>
    public bool AcceptCompressedResponses { get; set; } = true;

    /// <summary>The user-agent sent with every call.</summary>
    public string UserAgent { get; set; } = "scoringgrid-rpc-dotnet/1.0";
}
