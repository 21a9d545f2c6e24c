using Microsoft.AspNetCore.Builder;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Client.Tests.Fixtures;

/// <summary>The real ScoringGrid server in the test process, on a loopback port, with one tenant key and a temporary data directory.</summary>
public sealed class ScoringServer : IAsyncDisposable
{
    public const string Key = "client-tests-key";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ScoringServer(WebApplication app, string address, string dataDirectory)
    {
        _app = app;
        Address = address;
        _dataDirectory = dataDirectory;
    }

    /// <summary>E.g. http://127.0.0.1:41234.</summary>
    public string Address { get; }

    /// <summary>Starts a server; <paramref name="port"/> 0 picks a free one.</summary>
    public static async Task<ScoringServer> StartAsync(int port = 0)
    {
        var data = Directory.CreateTempSubdirectory("sg-client-tests-").FullName;
        var app = ServerHost.Build(
        [
            "--ScoringGrid:Port=" + port,
            "--ScoringGrid:DataDirectory=" + data,
            "--ScoringGrid:Auth:ApiKeys:0:Tenant=client-tests",
            "--ScoringGrid:Auth:ApiKeys:0:Sha256=" + ApiKeyAuthenticator.Hash(Key),
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync().WaitAsync(TestTimeouts.Wait);
        return new ScoringServer(app, ServerHost.GetAddresses(app).First(), data);
    }

    /// <summary>A client of this server with the tenant's key.</summary>
    public ScoringGridClient CreateClient(Action<ScoringGridClientOptions>? configure = null)
    {
        var options = new ScoringGridClientOptions { Address = Address, ApiKey = Key };
        configure?.Invoke(options);
        return new ScoringGridClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Wait);
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ScoringServerFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScoringServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
