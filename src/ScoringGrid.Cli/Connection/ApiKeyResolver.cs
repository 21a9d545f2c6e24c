using System.Net;

namespace ScoringGrid.Cli.Connection;

/// <summary>Where the API key came from, for messages.</summary>
internal enum ApiKeySource
{
    /// <summary>No key found.</summary>
    None,

    /// <summary>The --api-key option.</summary>
    Option,

    /// <summary>The SCORINGGRID_API_KEY environment variable.</summary>
    Environment,

    /// <summary>The development key file a local server wrote.</summary>
    DevelopmentKeyFile,
}

/// <summary>
/// Finds the API key: <c>--api-key</c>, else <c>SCORINGGRID_API_KEY</c>, else — only for a
/// loopback address — the development key a local server with no configured keys writes to
/// its data directory (<c>ScoringGrid__DataDirectory</c> when set, else
/// <c>scoringgrid</c> under the local application data folder: <c>~/.local/share/scoringgrid/dev-api-key</c>).
/// </summary>
internal static class ApiKeyResolver
{
    public const string Variable = "SCORINGGRID_API_KEY";
    public const string DataDirectoryVariable = "ScoringGrid__DataDirectory";
    public const string DevelopmentKeyFileName = "dev-api-key";

    public static (string? Key, ApiKeySource Source, string? Path) Resolve(string? option, Uri address, CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return (option.Trim(), ApiKeySource.Option, null);
        }

        if (environment.GetVariable(Variable) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment.Trim(), ApiKeySource.Environment, null);
        }

        var path = DevelopmentKeyPath(environment);
        if (IsLoopback(address) && ReadKeyFile(path) is { } key)
        {
            return (key, ApiKeySource.DevelopmentKeyFile, path);
        }

        return (null, ApiKeySource.None, IsLoopback(address) ? path : null);
    }

    /// <summary>Where a local server keeps its development key.</summary>
    public static string DevelopmentKeyPath(CliEnvironment environment)
    {
        var directory = environment.GetVariable(DataDirectoryVariable) is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(environment.LocalApplicationData, "scoringgrid");
        return System.IO.Path.Combine(directory, DevelopmentKeyFileName);
    }

    private static string? ReadKeyFile(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } key ? key : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
