using System.Net;
using System.Net.Sockets;

namespace ScoringGrid.Client.Tests.Fixtures;

/// <summary>A loopback port nothing listens on (at the moment it is picked).</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
