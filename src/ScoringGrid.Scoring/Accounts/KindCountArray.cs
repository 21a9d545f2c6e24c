using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// An account's counts per <see cref="InteractionKind"/>, given and received (index = kind within
/// each side), inline in the account. Counts are 16-bit while every one fits, which is most accounts
/// (64 bytes inline for both sides, against 128 at 32 bits); the first count of either side to pass
/// <see cref="ushort.MaxValue"/> moves them all to one 64-bit array, so no count ever saturates.
/// A mutable struct kept as a field of its account: never copy it.
/// </summary>
internal struct KindCountArray
{
    private const int Length = InteractionKinds.ArrayLength;

    private NarrowCounts _narrow; // given at [kind], received at [Length + kind]
    private long[]? _wide; // set for good once a count outgrew 16 bits, laid out as _narrow

    /// <summary>The count of one kind, given or received.</summary>
    public readonly long Get(bool received, InteractionKind kind)
    {
        int k = Index(received, kind);
        return _wide is { } wide ? wide[k] : _narrow[k];
    }

    /// <summary>Counts one more interaction of a kind, given or received.</summary>
    public void Increment(bool received, InteractionKind kind)
    {
        int k = Index(received, kind);
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

    /// <summary>One side's counts, one per kind (a new array).</summary>
    public readonly long[] ToArray(bool received)
    {
        var counts = new long[Length];
        CopyTo(received, counts);
        return counts;
    }

    /// <summary>One side's counts as the public <see cref="KindCounts"/>.</summary>
    public readonly KindCounts ToKindCounts(bool received)
    {
        Span<long> counts = stackalloc long[Length];
        CopyTo(received, counts);
        return new KindCounts(counts);
    }

    /// <summary>Sets one side's counts from a snapshot's (missing kinds stay 0; extra entries are ignored).</summary>
    public void Load(bool received, ReadOnlySpan<long> counts)
    {
        int n = Math.Min(counts.Length, Length);
        int start = received ? Length : 0;
        bool narrow = true;
        for (int k = 0; k < n; k++)
        {
            narrow &= (ulong)counts[k] <= ushort.MaxValue;
        }

        if (narrow && _wide is null)
        {
            for (int k = 0; k < n; k++)
            {
                _narrow[start + k] = (ushort)counts[k];
            }
        }
        else
        {
            counts[..n].CopyTo(Widen().AsSpan(start, n));
        }
    }

    private static int Index(bool received, InteractionKind kind) => (received ? Length : 0) + (int)kind;

    /// <summary>One side's counts, one per kind, into <paramref name="counts"/> (at least <see cref="InteractionKinds.ArrayLength"/> long).</summary>
    public readonly void CopyTo(bool received, Span<long> counts)
    {
        int start = received ? Length : 0;
        if (_wide is { } wide)
        {
            wide.AsSpan(start, Length).CopyTo(counts);
            return;
        }

        for (int k = 0; k < Length; k++)
        {
            counts[k] = _narrow[start + k];
        }
    }

    private long[] Widen()
    {
        if (_wide is null)
        {
            var wide = new long[2 * Length];
            for (int k = 0; k < 2 * Length; k++)
            {
                wide[k] = _narrow[k];
            }

            _wide = wide;
            _narrow = default;
        }

        return _wide;
    }

    [InlineArray(2 * InteractionKinds.ArrayLength)]
    private struct NarrowCounts
    {
        private ushort _element0;
    }
}
