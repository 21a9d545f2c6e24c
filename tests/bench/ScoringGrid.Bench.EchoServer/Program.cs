using System.Net;
using ScoringGrid.Bench.Echo;
using ScoringGrid.Rpc.Hosting;

// Usage: ScoringGrid.Bench.EchoServer --port <port>
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

var builder = WebApplication.CreateSlimBuilder();
// Same logging set-up as the bare Kestrel peers: providers kept, minimum level Warning.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRpcServer();
builder.Services.AddRpcService(_ => EchoService.Bind());
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ConfigureRpcLimits();
    kestrel.ListenRpc(new IPEndPoint(IPAddress.Loopback, port));
});
var app = builder.Build();
app.UseRpcServer();
await app.StartAsync();
Console.WriteLine($"listening on {port}");
await app.WaitForShutdownAsync();
