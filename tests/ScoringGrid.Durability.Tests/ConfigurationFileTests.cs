using ScoringGrid.Contracts;
using ScoringGrid.Durability.Tests.Fixtures;
using ScoringGrid.V1;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// The server reads the appsettings.json beside its binary whatever directory it is started from
/// (an operator's service manager rarely starts it in its own folder). Observable through logging:
/// the file quiets the framework's per-request lines, which the built-in defaults would print.
/// </summary>
public sealed class ConfigurationFileTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("sg-cwd-").FullName;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-config-data-").FullName;

    public void Dispose()
    {
        Directory.Delete(_workingDirectory, recursive: true);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_servers_own_appsettings_applies_when_started_from_another_directory()
    {
        Assert.False(File.Exists(Path.Combine(_workingDirectory, "appsettings.json")));
        var server = await ServerProcess.StartFromAsync(_workingDirectory, _dataDirectory, "--ScoringGrid:Storage:Provider=memory");
        try
        {
            var upsert = new UpsertAccountRequest { Account = new Account { AccountId = "config-check", DisplayName = "Config check" } };
            await server.Invoker.AsyncUnaryCall(ScoringGridMethods.UpsertAccount, ServerProcess.Call(), upsert).ResponseAsync;
            var account = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccount, ServerProcess.Call(), new GetAccountRequest { AccountId = "config-check" }).ResponseAsync;
            Assert.Equal("Config check", account.DisplayName);
            await server.StopAsync();
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            await server.DisposeAsync();
        }

        // The shutdown line comes after anything the calls logged, so the output is complete here.
        Assert.Contains("Application is shutting down", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request finished", server.Output, StringComparison.Ordinal);
    }
}
