using System.Text.Json;

namespace ScoringGrid.Cli.Tests.Fixtures;

/// <summary>The result of one sgctl run: exit status and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs sgctl's command entry point in the test process, with its own environment variables and home folders.</summary>
public sealed class CliRun : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sg-cli-home-");

    /// <summary>Environment variables sgctl sees (nothing from the test process).</summary>
    public Dictionary<string, string> Variables { get; } = new();

    /// <summary>The local application data folder sgctl sees.</summary>
    public string LocalApplicationData => _home.FullName;

    /// <summary>The clock sgctl sees; null for the real one.</summary>
    public DateTimeOffset? Now { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            GetVariable = name => Variables.GetValueOrDefault(name),
            LocalApplicationData = _home.FullName,
            IsInteractive = false,
            Width = 160,
            Now = Now is { } now ? () => now : () => DateTimeOffset.UtcNow,
        };
        var exit = await Sgctl.RunAsync(args, environment).WaitAsync(TestTimeouts.Wait);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs against a server with its key.</summary>
    public Task<CliResult> RunAsync(ScoringServer server, params string[] args) =>
        RunAsync([.. args, "--address", server.Address, "--api-key", ScoringServer.Key]);

    public void Dispose() => _home.Delete(recursive: true);
}
