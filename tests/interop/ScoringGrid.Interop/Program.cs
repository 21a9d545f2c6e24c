using System.Net;
using ScoringGrid.Interop;
using ScoringGrid.Rpc.Hosting;

// Serves grpc.testing.TestService on 127.0.0.1:<port> for interop clients: `--port 0` picks a
// free port; the chosen address is printed as "listening on http://127.0.0.1:PORT".
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

var app = InteropServer.Build(new IPEndPoint(IPAddress.Loopback, port));
await app.StartAsync();
Console.WriteLine("listening on " + InteropServer.GetAddress(app));
await app.WaitForShutdownAsync();
