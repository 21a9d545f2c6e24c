namespace ScoringGrid.Grains;

/// <summary>
/// Computes <see cref="GrainId.StableHash"/> piece by piece (FNV-1a is a streaming hash), so the
/// stable hash of a key made of several parts is known without building the key string.
/// Start with <see cref="Start"/> (the type name), then <see cref="Append(ReadOnlySpan{char})"/>
/// the key's parts in order.
/// </summary>
public struct StableHasher
{
    private const ulong Prime = 1099511628211UL;
    private ulong _hash;

    /// <summary>The hash of everything appended so far, as a <see cref="GrainId"/> of the type and the concatenated key would have it.</summary>
    public readonly ulong Hash => _hash;

    /// <summary>Starts the hash of a grain of <paramref name="type"/>.</summary>
    /// <param name="type">The grain type name.</param>
    public static StableHasher Start(string type)
    {
        var hasher = new StableHasher { _hash = 14695981039346656037UL };
        hasher.Append(type);
        hasher._hash = (hasher._hash ^ 0x1F) * Prime;
        return hasher;
    }

    /// <summary>Appends characters of the key.</summary>
    /// <param name="text">The characters.</param>
    public void Append(ReadOnlySpan<char> text)
    {
        ulong hash = _hash;
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        _hash = hash;
    }

    /// <summary>Appends the decimal digits of a non-negative number (as <c>ToString(InvariantCulture)</c> writes it).</summary>
    /// <param name="value">The number.</param>
    public void Append(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }
}
