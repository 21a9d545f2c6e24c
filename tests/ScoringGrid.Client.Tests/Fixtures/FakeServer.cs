using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoringGrid.Rpc.Hosting;

namespace ScoringGrid.Client.Tests.Fixtures;

/// <summary>The <see cref="FakeScoringService"/> hosted with ScoringGrid.Rpc on a free loopback port.</summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeServer(WebApplication app, FakeScoringService service, string address)
    {
        _app = app;
        Service = service;
        Address = address;
    }

    public FakeScoringService Service { get; }

    public string Address { get; }

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddRpcServer();
        var service = new FakeScoringService();
        builder.Services.AddRpcService(_ => service.BindAccountService());
        builder.Services.AddRpcService(_ => service.BindScoreService());
        builder.Services.AddRpcService(_ => service.BindIngestService());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureRpcLimits();
            kestrel.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0));
        });
        var app = builder.Build();
        app.UseRpcServer();
        await app.StartAsync().WaitAsync(TestTimeouts.Wait);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeServer(app, service, address);
    }

    /// <summary>A client of the fake, with fast retries unless configured otherwise.</summary>
    public ScoringGridClient CreateClient(Action<ScoringGridClientOptions>? configure = null)
    {
        var options = new ScoringGridClientOptions
        {
            Address = Address,
            ApiKey = "fake-key",
            Retry = new RetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) },
        };
        configure?.Invoke(options);
        return new ScoringGridClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Wait);
        await _app.DisposeAsync();
    }
}
