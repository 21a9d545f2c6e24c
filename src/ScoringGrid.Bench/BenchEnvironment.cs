using ScoringGrid.Bench.Load;

namespace ScoringGrid.Bench;

/// <summary>Where the load generator writes and what it reads from its surroundings (the process's, or a test's).</summary>
public sealed class BenchEnvironment
{
    /// <summary>The summary and other results.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Progress, notes and errors.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Whether the progress line is rewritten in place (standard error is a terminal).</summary>
    public bool ProgressInPlace { get; init; }

    /// <summary>The clock phases are measured with.</summary>
    public IBenchClock Clock { get; init; } = new StopwatchClock();

    /// <summary>The process's console and environment.</summary>
    public static BenchEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        GetVariable = Environment.GetEnvironmentVariable,
        ProgressInPlace = !Console.IsErrorRedirected,
    };
}
