using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// One count per <see cref="InteractionKind"/> (index = kind), inline in its owner. Counts are
/// 16-bit while every one fits, which is most accounts (40 bytes inline instead of 64 at 32 bits,
/// twice per account); the first count to pass <see cref="ushort.MaxValue"/> moves them all to a
/// 64-bit array of their own, so no count ever saturates.
/// A mutable struct kept as a field of its account: never copy it.
/// </summary>
internal struct KindCountArray
{
    private NarrowCounts _narrow;
    private long[]? _wide; // set for good once a count outgrew 16 bits

    /// <summary>The count of one kind.</summary>
    public readonly long this[InteractionKind kind] => _wide is { } wide ? wide[(int)kind] : _narrow[(int)kind];

    /// <summary>Counts one more interaction of a kind.</summary>
    public void Increment(InteractionKind kind)
    {
        int k = (int)kind;
        if (_wide is { } wide)
        {
            wide[k]++;
        }
        else if (_narrow[k] == ushort.MaxValue)
        {
            Widen()[k]++;
        }
        else
        {
            _narrow[k]++;
        }
    }

    /// <summary>All counts, one per kind (a new array).</summary>
    public readonly long[] ToArray()
    {
        var counts = new long[InteractionKinds.ArrayLength];
        CopyTo(counts);
        return counts;
    }

    /// <summary>The counts as the public <see cref="KindCounts"/>.</summary>
    public readonly KindCounts ToKindCounts()
    {
        Span<long> counts = stackalloc long[InteractionKinds.ArrayLength];
        CopyTo(counts);
        return new KindCounts(counts);
    }

    /// <summary>Sets the counts from a snapshot's (missing kinds stay 0; extra entries are ignored).</summary>
    public void Load(long[]? counts)
    {
        if (counts is null)
        {
            return;
        }

        int n = Math.Min(counts.Length, InteractionKinds.ArrayLength);
        bool narrow = true;
        for (int k = 0; k < n; k++)
        {
            narrow &= (ulong)counts[k] <= ushort.MaxValue;
        }

        if (narrow && _wide is null)
        {
            for (int k = 0; k < n; k++)
            {
                _narrow[k] = (ushort)counts[k];
            }
        }
        else
        {
            counts.AsSpan(0, n).CopyTo(Widen());
        }
    }

    private readonly void CopyTo(Span<long> counts)
    {
        if (_wide is { } wide)
        {
            wide.CopyTo(counts);
            return;
        }

        for (int k = 0; k < InteractionKinds.ArrayLength; k++)
        {
            counts[k] = _narrow[k];
        }
    }

    private long[] Widen()
    {
        if (_wide is null)
        {
            var wide = new long[InteractionKinds.ArrayLength];
            CopyTo(wide);
            _wide = wide;
            _narrow = default;
        }

        return _wide;
    }

    [InlineArray(InteractionKinds.ArrayLength)]
    private struct NarrowCounts
    {
        private ushort _element0;
    }
}
