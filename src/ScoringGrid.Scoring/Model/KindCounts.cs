namespace ScoringGrid.Scoring;

/// <summary>Immutable count per <see cref="InteractionKind"/>, as carried by score answers.</summary>
public sealed class KindCounts
{
    private readonly long[] _counts;

    /// <summary>Builds counts from an array indexed by kind (length <see cref="InteractionKinds.ArrayLength"/>); the array is copied.</summary>
    /// <param name="counts">Count per kind, index = kind.</param>
    public KindCounts(ReadOnlySpan<long> counts)
    {
        if (counts.Length != InteractionKinds.ArrayLength)
        {
            throw new ArgumentException("expected one count per kind, index = kind", nameof(counts));
        }

        _counts = counts.ToArray();
    }

    /// <summary>The count of one kind (0 for Unspecified and unknown values).</summary>
    /// <param name="kind">The kind.</param>
    public long this[InteractionKind kind] => (uint)kind < (uint)_counts.Length ? _counts[(int)kind] : 0;

    /// <summary>The sum over all kinds.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in _counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The counts as an array indexed by kind (a copy).</summary>
    public long[] ToArray() => (long[])_counts.Clone();
}
