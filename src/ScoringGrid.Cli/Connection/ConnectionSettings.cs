using ScoringGrid.Client;

namespace ScoringGrid.Cli.Connection;

/// <summary>The resolved global options: where the server is, which key, when, and how long to wait.</summary>
internal sealed record ConnectionSettings(
    Uri Address, string? ApiKey, ApiKeySource KeySource, string? KeyPath, DateTimeOffset? AsOf, TimeSpan Timeout, bool Json)
{
    public const string AddressVariable = "SCORINGGRID_ADDRESS";
    public const string DefaultAddress = "http://127.0.0.1:50051";

    /// <summary>Resolves the global options against the environment.</summary>
    public static ConnectionSettings Resolve(string? address, string? apiKey, string? asOf, string? timeout, bool json, CliEnvironment environment)
    {
        var text = !string.IsNullOrWhiteSpace(address) ? address.Trim()
            : environment.GetVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : DefaultAddress;
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--address: '{text}' is not an http:// or https:// address such as {DefaultAddress}");
        }

        var (key, source, path) = ApiKeyResolver.Resolve(apiKey, uri, environment);
        return new ConnectionSettings(
            uri,
            key,
            source,
            path,
            asOf is null ? null : ValueParsers.ParseInstant("--as-of", asOf),
            timeout is null ? TimeSpan.FromSeconds(10) : ValueParsers.ParseDuration("--timeout", timeout),
            json);
    }

    /// <summary>A client with these settings: the timeout is the deadline of every call, retries included.</summary>
    public ScoringGridClient CreateClient() => new(new ScoringGridClientOptions
    {
        Address = Address.ToString().TrimEnd('/'),
        ApiKey = ApiKey,
        DefaultTimeout = Timeout,
        Retry = new RetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(1) },
    });
}
