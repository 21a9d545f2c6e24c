namespace ScoringGrid.Grains;

/// <summary>
/// The identity of a grain: its type name and its string key. A grain is addressed by this,
/// never by location. Keys that belong to a tenant include the tenant (see the server's key
/// conventions), so no identity of one tenant can name a grain of another.
/// </summary>
/// <param name="Type">The grain type name, e.g. <c>account</c>.</param>
/// <param name="Key">The key within the type.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>A hash that is the same in every process (FNV-1a over type and key), for placement.</summary>
    public ulong StableHash
    {
        get
        {
            var hash = 14695981039346656037UL;
            hash = Mix(hash, Type);
            hash = (hash ^ 0x1F) * 1099511628211UL;
            return Mix(hash, Key);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Type + "/" + Key;

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        return hash;
    }
}
