namespace ScoringGrid.Cli;

/// <summary>What sgctl reads from and writes to its surroundings, so that it can run inside a test as well as in a terminal.</summary>
public sealed class CliEnvironment
{
    /// <summary>Standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable (null when unset).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>The user's local application data folder (<c>~/.local/share</c> on Linux), where a local server keeps its development key.</summary>
    public required string LocalApplicationData { get; init; }

    /// <summary>Whether standard output is a terminal (progress bars and colours are shown only then).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Width of the output for tables, in columns.</summary>
    public int Width { get; init; } = 120;

    /// <summary>The clock.</summary>
    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The process's console, environment and folders.</summary>
    public static CliEnvironment FromProcess()
    {
        var interactive = !Console.IsOutputRedirected;
        int width;
        try
        {
            width = interactive ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            width = 120;
        }

        return new CliEnvironment
        {
            Out = Console.Out,
            Error = Console.Error,
            GetVariable = Environment.GetEnvironmentVariable,
            LocalApplicationData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            IsInteractive = interactive,
            Width = width > 0 ? width : 120,
        };
    }
}
