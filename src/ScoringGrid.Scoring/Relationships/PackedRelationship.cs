using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// A <see cref="RelationshipRecord"/> in 88 bytes instead of 176, the form a table holding millions
/// keeps: the per-kind counts in 8 bits each (most pairs count a few of each kind), the sentiment counts
/// in 16, the decay epoch in 32, the four times in 48 (milliseconds, ±4,400 years around 1970), the sums
/// as they are. <see cref="RelationshipRecord.TryPack"/> makes it and refuses a record with a value that
/// does not fit (a per-kind count above 255, a sentiment count above 65,535, an epoch beyond 32 bits, a
/// time beyond 48); the owner then keeps that record whole. <see cref="RelationshipRecord.Unpack"/>
/// gives back exactly the record packed.
/// </summary>
public struct PackedRelationship
{
    /// <summary>The packed epoch of a record whose sums have no epoch yet (nothing weighted applied).</summary>
    internal const int NoEpoch = int.MinValue;

    internal double First;
    internal double Second;
    internal double SentimentSumAToB;
    internal double SentimentSumBToA;
    internal PackedTime FirstMs;
    internal PackedTime LastMs;
    internal PackedTime AFollowEventMs;
    internal PackedTime BFollowEventMs;
    internal int Epoch;
    internal ushort SentimentCountAToB;
    internal ushort SentimentCountBToA;
    internal PackedCounts Counts;
    internal byte Flags;
}

/// <summary>
/// A time in milliseconds in 48 bits (6 bytes, 2-aligned): the record's sentinels <see cref="long.MinValue"/>
/// and <see cref="long.MaxValue"/> map to the two ends of the 48-bit range, which real times therefore
/// stay inside.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal struct PackedTime
{
    private const long Min = -(1L << 47);
    private const long Max = (1L << 47) - 1;

    private uint _low;
    private short _high;

    /// <summary>Packs a time; false when it is outside the 48-bit range (the packed value is then meaningless).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPack(long ms, out PackedTime packed)
    {
        long value = ms == long.MinValue ? Min : ms == long.MaxValue ? Max : ms;
        packed._low = (uint)value;
        packed._high = (short)(value >> 32);
        return (ulong)(ms - Min - 1) < (ulong)(Max - Min - 1) || value != ms;
    }

    /// <summary>The time packed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long Unpack()
    {
        long value = ((long)_high << 32) | _low;
        return value == Min ? long.MinValue : value == Max ? long.MaxValue : value;
    }
}

/// <summary>The 22 per-kind counts of a <see cref="PackedRelationship"/>, 8 bits each, laid out as <see cref="PairCounts"/>.</summary>
[InlineArray(PairCounts.Length)]
internal struct PackedCounts
{
    private byte _element0;
}
