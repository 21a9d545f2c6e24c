using System.Text.Json;

namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>The result of one load generator run in the test process.</summary>
public sealed record BenchResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the load generator's entry point in the test process, with an environment of its own (no variables from the test process) and a deadline.</summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new BenchEnvironment
        {
            Out = output,
            Error = error,
            GetVariable = name => variables?.GetValueOrDefault(name),
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var exit = await BenchProgram.RunAsync(args, environment, deadline.Token).WaitAsync(TimeSpan.FromSeconds(100));
        return new BenchResult(exit, output.ToString(), error.ToString());
    }

    public static Task<BenchResult> RunAsync(params string[] args) => RunAsync(null, args);

    public static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;
}
