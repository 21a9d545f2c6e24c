namespace ScoringGrid.Server.Auth;

/// <summary>
/// API keys and the tenant each one maps to, bound from <c>ScoringGrid:Auth</c>. Keys are
/// configured by their SHA-256 (hex), never in clear: <c>printf %s "$KEY" | sha256sum</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringGrid:Auth";

    /// <summary>The accepted keys.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = new();

    /// <summary>
    /// When no key is configured, generate a development key for tenant <c>dev</c> at start
    /// and print it. Default true; set false in production.
    /// </summary>
    public bool GenerateDevelopmentKey { get; set; } = true;

    /// <summary>
    /// Where the generated development key is kept (readable by the owner only), so that it
    /// survives restarts and local tools (<c>sgctl</c>, the client examples) can find it.
    /// Relative paths are under <c>ScoringGrid:DataDirectory</c>. Default <c>dev-api-key</c>.
    /// Empty: the key is not written and a new one is generated at every start.
    /// </summary>
    public string DevelopmentKeyFile { get; set; } = DefaultDevelopmentKeyFileName;

    /// <summary>The default <see cref="DevelopmentKeyFile"/> name.</summary>
    public const string DefaultDevelopmentKeyFileName = "dev-api-key";
}

/// <summary>One accepted key.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The tenant the key belongs to (1..64 characters of a-z A-Z 0-9 _ - .).</summary>
    public string Tenant { get; set; } = string.Empty;

    /// <summary>SHA-256 of the key, 64 hex digits.</summary>
    public string Sha256 { get; set; } = string.Empty;
}
