using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoringGrid.Interop;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Rpc.Hosting;

namespace ScoringGrid.Rpc.Tests.Fixtures;

/// <summary>
/// A real server in the test process on a free loopback port: the interop TestService, the
/// probe service, health and reflection (and a test's own service, if given), over Kestrel HTTP/2
/// (h2c, or TLS with a certificate).
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, ProbeService probe, Uri address)
    {
        _app = app;
        Probe = probe;
        Address = address;
    }

    public Uri Address { get; }

    public ProbeService Probe { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestServer> StartAsync(
        Action<RpcServerOptions>? configureRpc = null,
        Action<KestrelServerOptions>? configureKestrel = null,
        X509Certificate2? certificate = null,
        ServerServiceDefinition? extraService = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddRpcServer(options =>
        {
            options.ResponseCompressionMinimumSize = 0;
            configureRpc?.Invoke(options);
        });
        var probe = new ProbeService();
        builder.Services.AddRpcService(_ => new TestServiceImpl().BindService());
        builder.Services.AddRpcService(_ => probe.BindService());
        if (extraService is not null)
        {
            builder.Services.AddRpcService(_ => extraService);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureRpcLimits();
            kestrel.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0), certificate);
            configureKestrel?.Invoke(kestrel);
        });
        var app = builder.Build();
        app.UseRpcServer();
        await app.StartAsync().WaitAsync(TestTimeouts.Wait);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, probe, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>A channel of our own client to this server.</summary>
    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    /// <summary>Begins graceful shutdown.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Wait);
        await _app.DisposeAsync();
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class TestServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Channel = Server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
