using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ScoringGrid.Rpc.Hosting;

/// <summary>Kestrel endpoints and limits for gRPC.</summary>
public static class RpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on an endpoint: HTTP/2 with prior knowledge (h2c) without a
    /// certificate, HTTP/2 over TLS (ALPN h2) with one.
    /// </summary>
    public static void ListenRpc(this KestrelServerOptions kestrel, IPEndPoint endpoint, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
    }

    /// <summary>
    /// Lifts the HTTP limits that do not fit long-lived gRPC streams (request body size and
    /// minimum data rates; gRPC enforces its own per-message limit) and sizes HTTP/2 windows.
    /// </summary>
    public static void ConfigureRpcLimits(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
    }
}
