using System.Net;
using System.Net.Sockets;

namespace ScoringGrid.TestSupport;

/// <summary>Loopback ports nothing listens on (at the moment they are picked).</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free when picked; a caller that fails to bind it should pick again.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
