namespace ScoringGrid.Rpc.Client;

/// <summary>
/// A connection pool to one gRPC server (<c>http://</c> for h2c, <c>https://</c> for TLS).
/// Calls share HTTP/2 connections; a new connection opens when one runs out of streams.
/// Thread-safe; create one per server and reuse it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _disposeHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Address '{address}' must use http (h2c) or https.", nameof(address));
        }

        if (options.SendCompression is not (null or GrpcProtocol.GzipEncoding or GrpcProtocol.IdentityEncoding))
        {
            throw new ArgumentException($"SendCompression '{options.SendCompression}' must be gzip, identity or null.", nameof(options));
        }

        Address = address;
        Options = options;
        var handler = options.HttpHandler ?? CreateDefaultHandler();
        _disposeHandler = options.HttpHandler is null || options.DisposeHttpHandler;
        Invoker = new HttpMessageInvoker(handler, disposeHandler: _disposeHandler);
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>The channel's options.</summary>
    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Creates a channel to an address such as <c>http://127.0.0.1:50051</c>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address), options);

    /// <summary>Creates a channel to an address.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>An invoker that starts calls on this channel.</summary>
    public CallInvoker CreateCallInvoker() => new HttpCallInvoker(this);

    /// <summary>The default handler: HTTP/2, several connections when streams run out, keep-alive pings, no redirects or cookies.</summary>
    public static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        AllowAutoRedirect = false, // gRPC never redirects; no redirect handler in the call path
    };

    /// <inheritdoc />
    public void Dispose() => Invoker.Dispose();
}
