namespace ScoringGrid.Scoring;

/// <summary>Immutable count per <see cref="InteractionKind"/>, as carried by score answers.</summary>
public readonly struct KindCounts
{
    private readonly Buffer _counts;

    /// <summary>Builds counts from an array indexed by kind (length <see cref="InteractionKinds.ArrayLength"/>); the values are copied.</summary>
    /// <param name="counts">Count per kind, index = kind.</param>
    public KindCounts(ReadOnlySpan<long> counts)
    {
        if (counts.Length != InteractionKinds.ArrayLength)
        {
            throw new ArgumentException("expected one count per kind, index = kind", nameof(counts));
        }

        counts.CopyTo(_counts);
    }

    /// <summary>The count of one kind (0 for Unspecified and unknown values).</summary>
    /// <param name="kind">The kind.</param>
    public long this[InteractionKind kind] => (uint)kind < InteractionKinds.ArrayLength ? _counts[(int)kind] : 0;

    /// <summary>The sum over all kinds.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in (ReadOnlySpan<long>)_counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The counts as an array indexed by kind (a copy).</summary>
    public long[] ToArray() => ((ReadOnlySpan<long>)_counts).ToArray();

    /// <summary>One count per kind, held inline (no array of its own).</summary>
    [System.Runtime.CompilerServices.InlineArray(InteractionKinds.ArrayLength)]
    private struct Buffer
    {
        private long _element;
    }
}
