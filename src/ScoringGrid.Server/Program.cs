using ScoringGrid.Server.Hosting;

var app = ServerHost.Build(args);
await app.StartAsync();
foreach (var address in ServerHost.GetAddresses(app))
{
    app.Logger.LogInformation("ScoringGrid listening on {Address} (gRPC, HTTP/2)", address);
}

await app.WaitForShutdownAsync();
