using Microsoft.AspNetCore.Builder;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Cli.Tests.Fixtures;

/// <summary>
/// The real ScoringGrid server in the test process on a loopback port, with its own temporary
/// data directory: with one configured key, or with none (then it writes a development key to
/// <c>&lt;data directory&gt;/dev-api-key</c>, as a local server does).
/// </summary>
public sealed class ScoringServer : IAsyncDisposable
{
    public const string Key = "cli-tests-key";

    private readonly WebApplication _app;
    private readonly bool _deleteData;

    private ScoringServer(WebApplication app, string address, string dataDirectory, bool deleteData)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        _deleteData = deleteData;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    /// <summary>Starts a server with <see cref="Key"/> configured.</summary>
    public static async Task<ScoringServer> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("sg-cli-tests-").FullName;
        return await StartAsync(data, deleteData: true,
            "--ScoringGrid:Auth:ApiKeys:0:Tenant=cli-tests",
            "--ScoringGrid:Auth:ApiKeys:0:Sha256=" + ApiKeyAuthenticator.Hash(Key));
    }

    /// <summary>Starts a server without configured keys, keeping its development key in <paramref name="dataDirectory"/>.</summary>
    public static Task<ScoringServer> StartWithDevelopmentKeyAsync(string dataDirectory) => StartAsync(dataDirectory, deleteData: false);

    private static async Task<ScoringServer> StartAsync(string dataDirectory, bool deleteData, params string[] settings)
    {
        var app = ServerHost.Build(
        [
            "--ScoringGrid:Port=0",
            "--ScoringGrid:DataDirectory=" + dataDirectory,
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await app.StartAsync().WaitAsync(TestTimeouts.Wait);
        return new ScoringServer(app, ServerHost.GetAddresses(app).First(), dataDirectory, deleteData);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Wait);
        await _app.DisposeAsync();
        if (_deleteData)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ScoringServerFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScoringServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
