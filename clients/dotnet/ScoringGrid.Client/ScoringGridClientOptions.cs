using ScoringGrid.Rpc.Client;

namespace ScoringGrid.Client;

/// <summary>Settings of a <see cref="ScoringGridClient"/>.</summary>
public sealed class ScoringGridClientOptions
{
    /// <summary>The default server address, a local server's.</summary>
    public const string DefaultAddress = "http://127.0.0.1:50051";

    /// <summary>The server: <c>http://host:port</c> (HTTP/2 without TLS) or <c>https://host:port</c>. Default <see cref="DefaultAddress"/>.</summary>
    public string Address { get; set; } = DefaultAddress;

    /// <summary>The API key sent as <c>authorization: Bearer &lt;key&gt;</c> with every call; null or empty sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The deadline of a unary call that sets none itself, measured from the call's start and
    /// covering its retries. Default 10 s. <see cref="Timeout.InfiniteTimeSpan"/> sends no deadline.
    /// </summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The deadline of each underlying IngestStream call that sets none itself, measured from
    /// when the call opens. Default 30 minutes; an <see cref="IngestStream"/> left idle past half
    /// of it opens a fresh call for its next batch.
    /// </summary>
    public TimeSpan StreamTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Retries of idempotent calls that failed with UNAVAILABLE. Default <see cref="RetryPolicy.Default"/>.</summary>
    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    /// <summary>Options of the underlying channel (HTTP handler, message size limits, compression); null for the defaults.</summary>
    public GrpcChannelOptions? ChannelOptions { get; set; }

    internal void Validate()
    {
        if (!Uri.TryCreate(Address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Address '{Address}' must be an absolute http:// or https:// address, e.g. {DefaultAddress}.");
        }

        if (DefaultTimeout <= TimeSpan.Zero && DefaultTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"DefaultTimeout must be positive or Timeout.InfiniteTimeSpan (got {DefaultTimeout}).");
        }

        if (StreamTimeout <= TimeSpan.Zero && StreamTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"StreamTimeout must be positive or Timeout.InfiniteTimeSpan (got {StreamTimeout}).");
        }

        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }
}
