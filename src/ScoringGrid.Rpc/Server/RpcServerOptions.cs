namespace ScoringGrid.Rpc;

/// <summary>Limits and behaviour of the gRPC server.</summary>
public sealed class RpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes (after decompression); larger ones get RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Encoding used for responses when the caller lists it in <c>grpc-accept-encoding</c>:
    /// <c>gzip</c> (default) or null to always answer uncompressed.
    /// </summary>
    public string? ResponseCompression { get; set; } = GrpcProtocol.GzipEncoding;

    /// <summary>
    /// Response messages smaller than this are sent uncompressed even when the call's
    /// encoding is gzip (each message has its own compressed flag; gzip only enlarges tiny ones).
    /// Default 1024 bytes; 0 compresses every message.
    /// </summary>
    public int ResponseCompressionMinimumSize { get; set; } = 1024;

    /// <summary>Include the exception's type and message in UNKNOWN statuses (never the stack trace). Default false.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// Maps exceptions a handler throws (other than <see cref="RpcException"/>) to a status, e.g.
    /// an application's "store unreachable" to UNAVAILABLE. Null, or a null result, leaves the
    /// default: UNKNOWN, logged.
    /// </summary>
    public Func<Exception, Status?>? ExceptionStatus { get; set; }

    /// <summary>
    /// Deadlines longer than this are treated as no deadline (timers cannot be longer).
    /// Default 24 days.
    /// </summary>
    public TimeSpan MaxDeadline { get; set; } = TimeSpan.FromDays(24);

    internal void Validate()
    {
        if (MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), MaxReceiveMessageSize, "must be positive");
        }

        if (MaxSendMessageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSendMessageSize), MaxSendMessageSize, "must be positive or null");
        }

        if (ResponseCompression is not null && ResponseCompression != GrpcProtocol.GzipEncoding)
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseCompression), ResponseCompression, "must be 'gzip' or null");
        }

        if (ResponseCompressionMinimumSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseCompressionMinimumSize), ResponseCompressionMinimumSize, "must not be negative");
        }
    }
}
