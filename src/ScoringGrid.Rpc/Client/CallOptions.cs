namespace ScoringGrid.Rpc.Client;

/// <summary>Per-call options: metadata, deadline, cancellation, write options and compression.</summary>
public readonly record struct CallOptions
{
    /// <summary>Creates call options.</summary>
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null, string? compression = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        Compression = compression;
    }

    /// <summary>Custom request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call must end (UTC); null for none. Sent as <c>grpc-timeout</c> and enforced locally.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (the stream is reset).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Options of request writes.</summary>
    public WriteOptions? WriteOptions { get; init; }

    /// <summary>Encoding of this call's request messages (<c>gzip</c> or <c>identity</c>); null uses the channel's.</summary>
    public string? Compression { get; init; }

    /// <summary>A copy with a deadline this far from now.</summary>
    public CallOptions WithTimeout(TimeSpan timeout) => this with { Deadline = DateTime.UtcNow + timeout };

    /// <summary>A copy that is canceled by <paramref name="cancellationToken"/>.</summary>
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => this with { CancellationToken = cancellationToken };
}
