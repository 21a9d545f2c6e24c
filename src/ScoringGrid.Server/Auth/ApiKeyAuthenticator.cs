using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Server.Auth;

/// <summary>
/// Maps the <c>authorization: Bearer &lt;key&gt;</c> metadata of a call to its tenant by the
/// key's SHA-256. A missing, malformed or unknown key is UNAUTHENTICATED.
/// </summary>
/// <remarks>
/// Keys are configured by their hash, never in clear. Once a presented key has been hashed and
/// accepted, the exact header value is remembered in memory (never written anywhere) with its
/// tenant, so later calls with it skip the SHA-256; unknown keys are never remembered, so the
/// cache holds at most the accepted keys (bounded by <see cref="MaxRememberedKeys"/>).
/// </remarks>
public sealed class ApiKeyAuthenticator
{
    /// <summary>Most accepted header values remembered (beyond it the memory is cleared and refilled).</summary>
    public const int MaxRememberedKeys = 4096;

    private const string Scheme = "Bearer ";
    private readonly Dictionary<string, string> _tenantsByHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _accepted = new(StringComparer.Ordinal);

    /// <summary>Loads the configured keys, generating a development key when none is configured and that is allowed.</summary>
    public ApiKeyAuthenticator(IOptions<ApiKeyOptions> options, IOptions<ServerOptions> server, ILogger<ApiKeyAuthenticator> logger)
    {
        var settings = options.Value;
        for (var i = 0; i < settings.ApiKeys.Count; i++)
        {
            var entry = settings.ApiKeys[i];
            if (!IsValidTenant(entry.Tenant))
            {
                throw new InvalidOperationException($"ScoringGrid:Auth:ApiKeys:{i}:Tenant '{entry.Tenant}' must be 1..64 characters of a-z A-Z 0-9 _ - .");
            }

            if (entry.Sha256.Length != 64 || !entry.Sha256.All(Uri.IsHexDigit))
            {
                throw new InvalidOperationException($"ScoringGrid:Auth:ApiKeys:{i}:Sha256 must be 64 hex digits (the SHA-256 of the key).");
            }

            _tenantsByHash[entry.Sha256] = entry.Tenant;
        }

        if (_tenantsByHash.Count == 0 && settings.GenerateDevelopmentKey)
        {
            var keyFile = string.IsNullOrEmpty(settings.DevelopmentKeyFile)
                ? null
                : Path.GetFullPath(settings.DevelopmentKeyFile, server.Value.DataDirectory);
            DevelopmentKey = DevelopmentKeyFile.ReadOrCreate(keyFile, logger);
            _tenantsByHash[Hash(DevelopmentKey)] = DevelopmentTenant;
            logger.LogWarning(
                "No API key is configured: using a development key for tenant '{Tenant}'{Where}. Send it as metadata 'authorization: Bearer {Key}'. Configure ScoringGrid:Auth:ApiKeys for production.",
                DevelopmentTenant, keyFile is null ? "" : $" (kept in {keyFile})", DevelopmentKey);
        }
    }

    /// <summary>The tenant of the generated development key.</summary>
    public const string DevelopmentTenant = "dev";

    /// <summary>The generated development key, when one was generated.</summary>
    public string? DevelopmentKey { get; }

    /// <summary>Number of accepted keys.</summary>
    public int KeyCount => _tenantsByHash.Count;

    /// <summary>The tenant of the call, or UNAUTHENTICATED.</summary>
    public string Authenticate(ServerCallContext context)
    {
        var header = context.GetHttpContext().Request.Headers.Authorization;
        if (header.Count == 0)
        {
            throw Unauthenticated("Missing 'authorization' metadata; send 'authorization: Bearer <api key>'.");
        }

        var value = header.ToString();
        if (_accepted.TryGetValue(value, out var known))
        {
            return known;
        }

        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length == Scheme.Length)
        {
            throw Unauthenticated("The 'authorization' metadata must be 'Bearer <api key>'.");
        }

        if (!_tenantsByHash.TryGetValue(Hash(value.AsSpan(Scheme.Length).Trim()), out var tenant))
        {
            throw Unauthenticated("Unknown API key.");
        }

        if (_accepted.Count >= MaxRememberedKeys)
        {
            _accepted.Clear();
        }

        _accepted[value] = tenant;
        return tenant;
    }

    /// <summary>SHA-256 of a key, hex.</summary>
    public static string Hash(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..length], hash);
        return Convert.ToHexString(hash);
    }

    private static bool IsValidTenant(string tenant) =>
        tenant.Length is > 0 and <= 64 && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static RpcException Unauthenticated(string detail) => new(new Status(StatusCode.Unauthenticated, detail));
}
