using Microsoft.AspNetCore.Builder;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Server.Tests.Fixtures;

/// <summary>
/// The real ScoringGrid server, started in the test process on a free loopback port with two
/// tenants, and typed helpers to call it through our gRPC client with a deadline on every call.
/// </summary>
public sealed class ScoringServer : IAsyncDisposable
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string KeyA = "key-for-tenant-a";
    public const string KeyB = "key-for-tenant-b";

    private readonly WebApplication _app;

    private ScoringServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Invoker = Channel.CreateCallInvoker();
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ScoringServer> StartAsync(params string[] extraSettings)
    {
        var args = new List<string>
        {
            "--ScoringGrid:Port=0",
            "--ScoringGrid:Auth:ApiKeys:0:Tenant=" + TenantA,
            "--ScoringGrid:Auth:ApiKeys:0:Sha256=" + ApiKeyAuthenticator.Hash(KeyA),
            "--ScoringGrid:Auth:ApiKeys:1:Tenant=" + TenantB,
            "--ScoringGrid:Auth:ApiKeys:1:Sha256=" + ApiKeyAuthenticator.Hash(KeyB),
            "--Logging:LogLevel:Default=Warning",
            "--ScoringGrid:Storage:Provider=memory",
            "--ScoringGrid:DataDirectory=" + Path.Combine(Path.GetTempPath(), "sg-server-tests-" + Guid.NewGuid().ToString("n")),
        };
        args.AddRange(extraSettings);
        var app = ServerHost.Build(args.ToArray());
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = ServerHost.GetAddresses(app).First();
        return new ScoringServer(app, new Uri(address));
    }

    /// <summary>Call options: the tenant's key and a 30 s deadline.</summary>
    public static CallOptions As(string key) =>
        new CallOptions(headers: new Metadata().Add("authorization", "Bearer " + key)).WithTimeout(TimeSpan.FromSeconds(30));

    /// <summary>A unary call as a tenant (by default tenant A), with <see cref="As"/>'s deadline.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(ScoringGrid.Rpc.Method<TRequest, TResponse> method, TRequest request, string key = KeyA) =>
        Invoker.AsyncUnaryCall(method, As(key), request).ResponseAsync;

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}

/// <summary>One server shared by a test class.</summary>
public sealed class ScoringServerFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScoringServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
