using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Tests.Fixtures;

namespace ScoringGrid.Cli.Tests;

/// <summary>The API key comes from --api-key, else SCORINGGRID_API_KEY, else (loopback only) a local server's development key file.</summary>
public sealed class ApiKeyResolutionTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>, IDisposable
{
    private readonly CliRun _cli = new();

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_option_wins_over_the_environment_variable()
    {
        _cli.Variables[ApiKeyResolver.Variable] = "wrong-key";

        var result = await _cli.RunAsync("account", "never-seen", "--address", fixture.Server.Address, "--api-key", ScoringServer.Key);

        Assert.True(result.ExitCode == ExitCodes.NotFound, result.ToString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_environment_variable_is_used_without_the_option()
    {
        _cli.Variables[ApiKeyResolver.Variable] = ScoringServer.Key;
        _cli.Variables[ConnectionSettings.AddressVariable] = fixture.Server.Address;
        WriteDevelopmentKey(_cli.LocalApplicationData, "sgdev_not_the_right_one");

        var ok = await _cli.RunAsync("account", "never-seen");
        _cli.Variables[ApiKeyResolver.Variable] = "wrong-key";
        var refused = await _cli.RunAsync("account", "never-seen");

        Assert.True(ok.ExitCode == ExitCodes.NotFound, ok.ToString());
        Assert.Equal(ExitCodes.Unauthenticated, refused.ExitCode);
        Assert.Contains("SCORINGGRID_API_KEY", refused.Error);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_local_server_without_configured_keys_is_reached_with_its_development_key()
    {
        var dataDirectory = Path.Combine(_cli.LocalApplicationData, "scoringgrid");
        await using var server = await ScoringServer.StartWithDevelopmentKeyAsync(dataDirectory);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "dev-api-key")));

        var result = await _cli.RunAsync("account", "never-seen", "--address", server.Address);
        var noKey = await _cli.RunAsync("account", "never-seen", "--address", fixture.Server.Address);

        Assert.True(result.ExitCode == ExitCodes.NotFound, result.ToString());
        Assert.Equal(ExitCodes.Unauthenticated, noKey.ExitCode);
        Assert.Contains("development key read from", noKey.Error);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_data_directory_variable_moves_the_development_key_file()
    {
        var elsewhere = Path.Combine(_cli.LocalApplicationData, "elsewhere");
        _cli.Variables[ApiKeyResolver.DataDirectoryVariable] = elsewhere;
        await using var server = await ScoringServer.StartWithDevelopmentKeyAsync(elsewhere);

        var result = await _cli.RunAsync("account", "never-seen", "--address", server.Address);

        Assert.True(result.ExitCode == ExitCodes.NotFound, result.ToString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public Task The_development_key_is_read_only_for_a_loopback_address()
    {
        WriteDevelopmentKey(_cli.LocalApplicationData, "sgdev_local");
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            GetVariable = _ => null,
            LocalApplicationData = _cli.LocalApplicationData,
        };

        var local = ApiKeyResolver.Resolve(null, new Uri("http://127.0.0.1:50051"), environment);
        var localhost = ApiKeyResolver.Resolve(null, new Uri("http://localhost:50051"), environment);
        var remote = ApiKeyResolver.Resolve(null, new Uri("http://10.20.30.40:50051"), environment);
        var option = ApiKeyResolver.Resolve("given", new Uri("http://127.0.0.1:50051"), environment);

        Assert.Equal(("sgdev_local", ApiKeySource.DevelopmentKeyFile), (local.Key, local.Source));
        Assert.Equal(ApiKeySource.DevelopmentKeyFile, localhost.Source);
        Assert.Equal((null, ApiKeySource.None), (remote.Key, remote.Source));
        Assert.Equal(("given", ApiKeySource.Option), (option.Key, option.Source));
        return Task.CompletedTask;
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Without_any_key_the_message_says_where_keys_come_from()
    {
        var result = await _cli.RunAsync("account", "never-seen", "--address", fixture.Server.Address);

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("Pass --api-key KEY or set SCORINGGRID_API_KEY", result.Error);
        Assert.Contains(Path.Combine(_cli.LocalApplicationData, "scoringgrid", "dev-api-key"), result.Error);
    }

    public void Dispose() => _cli.Dispose();

    private static void WriteDevelopmentKey(string localApplicationData, string key)
    {
        var directory = Path.Combine(localApplicationData, "scoringgrid");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "dev-api-key"), key + "\n");
    }
}
