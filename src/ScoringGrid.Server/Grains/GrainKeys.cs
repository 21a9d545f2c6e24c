using System.Globalization;
using ScoringGrid.Grains;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Grain identities. Every key starts with the tenant, length-prefixed so that no choice of
/// ids can make one tenant's key equal another's: no call can reach another tenant's grains.
/// </summary>
public static class GrainKeys
{
    /// <summary>Type name of account grains.</summary>
    public const string AccountType = "account";

    /// <summary>Type name of relationship grains.</summary>
    public const string RelationshipType = "relationship";

    /// <summary>The grain of an account.</summary>
    public static GrainId Account(string tenant, string account) =>
        new(AccountType, Prefix(tenant) + account);

    /// <summary>The grain of the unordered pair of two accounts.</summary>
    public static GrainId Relationship(string tenant, string first, string second)
    {
        var (a, b) = string.CompareOrdinal(first, second) <= 0 ? (first, second) : (second, first);
        return new GrainId(RelationshipType, Prefix(tenant) + a.Length.ToString(CultureInfo.InvariantCulture) + ":" + a + b);
    }

    /// <summary>
    /// The <see cref="GrainId.StableHash"/> of <see cref="Relationship"/>, without building the key:
    /// <paramref name="tenantPrefix"/> is the tenant's key prefix (<see cref="Accounts.TenantAccounts.KeyPrefix"/>).
    /// </summary>
    public static ulong RelationshipStableHash(string tenantPrefix, string first, string second)
    {
        var (a, b) = string.CompareOrdinal(first, second) <= 0 ? (first, second) : (second, first);
        var hasher = StableHasher.Start(RelationshipType);
        hasher.Append(tenantPrefix);
        hasher.Append(a.Length);
        hasher.Append(":");
        hasher.Append(a);
        hasher.Append(b);
        return hasher.Hash;
    }

    /// <summary>The tenant a grain belongs to.</summary>
    public static string TenantOf(GrainId grainId)
    {
        var key = grainId.Key;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var length = int.Parse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture);
        return key.Substring(colon + 1, length);
    }

    private static string Prefix(string tenant) => tenant.Length.ToString(CultureInfo.InvariantCulture) + ":" + tenant;
}
