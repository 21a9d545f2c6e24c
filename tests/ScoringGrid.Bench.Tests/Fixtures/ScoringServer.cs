using Microsoft.AspNetCore.Builder;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>The real ScoringGrid server in the test process on a free loopback port, with one configured key and its own temporary data directory.</summary>
public sealed class ScoringServer : IAsyncDisposable
{
    public const string Key = "bench-tests-key";

    private readonly WebApplication _app;

    private ScoringServer(WebApplication app, string address, string dataDirectory)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    public static async Task<ScoringServer> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("sg-bench-tests-").FullName;
        var app = ServerHost.Build(
        [
            "--ScoringGrid:Port=0",
            "--ScoringGrid:DataDirectory=" + data,
            "--Logging:LogLevel:Default=Warning",
            "--ScoringGrid:Auth:ApiKeys:0:Tenant=bench-tests",
            "--ScoringGrid:Auth:ApiKeys:0:Sha256=" + ApiKeyAuthenticator.Hash(Key),
        ]);
        await app.StartAsync().WaitAsync(TestTimeouts.Wait);
        var address = ServerHost.GetAddresses(app).First();
        Assert.True(new Uri(address).IsLoopback, $"the test server must listen on loopback, not {address}");
        return new ScoringServer(app, address, data);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Wait);
        await _app.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ScoringServerFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScoringServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
