namespace ScoringGrid.Grains;

/// <summary>
/// The identity of a grain: its type name and its string key. A grain is addressed by this,
/// never by location. Keys that belong to a tenant include the tenant (see the server's key
/// conventions), so no identity of one tenant can name a grain of another. Both hashes are
/// computed once, when the identity is made: placement uses the stable one, in-memory tables
/// the per-process randomized one.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hashCode;
    private readonly int _type; // the type name's number (GrainTypeNames): 24 bytes an identity instead of 32

    /// <summary>Creates an identity.</summary>
    /// <param name="type">The grain type name, e.g. <c>account</c>.</param>
    /// <param name="key">The key within the type.</param>
    public GrainId(string type, string key)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(key);
        _type = GrainTypeNames.NumberOf(type);
        Key = key;
        StableHash = ComputeStableHash(type, key);
        _hashCode = HashCode.Combine(type.GetHashCode(StringComparison.Ordinal), key.GetHashCode(StringComparison.Ordinal));
    }

    /// <summary>The grain type name.</summary>
    public string Type => GrainTypeNames.NameOf(_type);

    /// <summary>The key within the type.</summary>
    public string Key { get; }

    /// <summary>A hash that is the same in every process (FNV-1a over type and key), for placement.</summary>
    public ulong StableHash { get; }

    /// <summary>Whether two identities are the same.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Whether two identities differ.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(GrainId other) =>
        _hashCode == other._hashCode && _type == other._type && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

    /// <inheritdoc />
    public override string ToString() => Type + "/" + Key;

    private static ulong ComputeStableHash(string type, string key)
    {
        var hasher = StableHasher.Start(type);
        hasher.Append(key);
        return hasher.Hash;
    }
}
