using System.CommandLine;
using ScoringGrid.Cli.Connection;

namespace ScoringGrid.Cli.Commands;

/// <summary>The options every command takes.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Address { get; } = new("--address")
    {
        Description = $"Server address [env {ConnectionSettings.AddressVariable}; default {ConnectionSettings.DefaultAddress}]",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key [env {ApiKeyResolver.Variable}; for a loopback address, the development key a local server wrote]",
        Recursive = true,
    };

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "Evaluate scores at this instant: ms since the epoch or ISO-8601 (default: now)",
        Recursive = true,
    };

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "Deadline of each call, retries included: 500ms, 10s, 2m (default 10s)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON (proto3 JSON for answers) instead of tables",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Address);
        root.Add(ApiKey);
        root.Add(AsOf);
        root.Add(Timeout);
        root.Add(Json);
    }

    public ConnectionSettings Resolve(ParseResult result, CliEnvironment environment) => ConnectionSettings.Resolve(
        result.GetValue(Address), result.GetValue(ApiKey), result.GetValue(AsOf), result.GetValue(Timeout), result.GetValue(Json), environment);
}
