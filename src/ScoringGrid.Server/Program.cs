using ScoringGrid.Server.Hosting;
using ScoringGrid.Server.Memory;

var app = ServerHost.Build(args);
await app.StartAsync();
foreach (var address in ServerHost.GetAddresses(app))
{
    app.Logger.LogInformation("ScoringGrid listening on {Address} (gRPC, HTTP/2)", address);
}

app.Logger.LogInformation("Garbage collector: {Collector}.", CollectorSettings.Current().Describe());
await app.WaitForShutdownAsync();
