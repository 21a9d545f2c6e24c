using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Hosting;

namespace ScoringGrid.Interop;

/// <summary>Builds a web application serving the interop test service.</summary>
public static class InteropServer
{
    public static WebApplication Build(IPEndPoint endpoint, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRpcServer(options =>
        {
            // Per-message choices (response_compressed) decide; no size floor.
            options.ResponseCompressionMinimumSize = 0;
        });
        builder.Services.AddRpcService(_ => new TestServiceImpl().BindService());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureRpcLimits();
            kestrel.ListenRpc(endpoint);
        });
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseRpcServer();
        return app;
    }

    public static string GetAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
