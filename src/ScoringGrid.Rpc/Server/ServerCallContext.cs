using Microsoft.AspNetCore.Http;

namespace ScoringGrid.Rpc;

/// <summary>What a handler knows about, and can do to, the call it is serving.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method path, <c>/service/method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The authority the caller addressed.</summary>
    public abstract string Host { get; }

    /// <summary>The caller's address, e.g. <c>ipv4:127.0.0.1:5000</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call must be finished (UTC); <see cref="DateTime.MaxValue"/> when the caller set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Custom metadata sent by the caller (protocol headers left out).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Fires when the caller cancels, the connection drops or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler returns normally (default OK).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Options of the following response writes.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>Whether the last request message read arrived compressed.</summary>
    public abstract bool IsLastRequestMessageCompressed { get; }

    /// <summary>Sends response headers now; at most once, and before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    /// <summary>The underlying HTTP context.</summary>
    public abstract HttpContext GetHttpContext();
}
