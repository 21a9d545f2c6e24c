using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScoringGrid.Scoring;

/// <content>Packing into the 88-byte form tables keep (<see cref="PackedRelationship"/>).</content>
public partial struct RelationshipRecord
{
    /// <summary>
    /// The record in its packed form; false when a value does not fit it (a per-kind count above 255, a
    /// sentiment count above 65,535, a decay epoch beyond 32 bits, a time beyond 48), and the record must
    /// be kept whole.
    /// </summary>
    /// <param name="packed">The packed record; meaningless when false is returned.</param>
    public readonly bool TryPack(out PackedRelationship packed)
    {
        Unsafe.SkipInit(out packed);
        long epoch = _decay.Epoch;
        if (epoch == DecayedPair.NoEpoch)
        {
            packed.Epoch = PackedRelationship.NoEpoch;
        }
        else if (epoch > int.MinValue && epoch <= int.MaxValue)
        {
            packed.Epoch = (int)epoch;
        }
        else
        {
            return false;
        }

        if (!NarrowCounts(_counts, ref packed.Counts) || ((uint)_sentimentCountAToB | (uint)_sentimentCountBToA) > ushort.MaxValue
            || !PackedTime.TryPack(_firstMs, out packed.FirstMs) || !PackedTime.TryPack(_lastMs, out packed.LastMs)
            || !PackedTime.TryPack(_aFollowEventMs, out packed.AFollowEventMs) || !PackedTime.TryPack(_bFollowEventMs, out packed.BFollowEventMs))
        {
            return false;
        }

        packed.First = _decay.First;
        packed.Second = _decay.Second;
        packed.SentimentSumAToB = _sentimentSumAToB;
        packed.SentimentSumBToA = _sentimentSumBToA;
        packed.SentimentCountAToB = (ushort)_sentimentCountAToB;
        packed.SentimentCountBToA = (ushort)_sentimentCountBToA;
        packed.Flags = _flags;
        return true;
    }

    /// <summary>The record <see cref="TryPack"/> packed, exactly.</summary>
    /// <param name="packed">A packed record.</param>
    /// <param name="record">The record.</param>
    public static void Unpack(in PackedRelationship packed, out RelationshipRecord record)
    {
        Unsafe.SkipInit(out record);
        record._decay.Epoch = packed.Epoch == PackedRelationship.NoEpoch ? DecayedPair.NoEpoch : packed.Epoch;
        record._decay.First = packed.First;
        record._decay.Second = packed.Second;
        record._firstMs = packed.FirstMs.Unpack();
        record._lastMs = packed.LastMs.Unpack();
        record._aFollowEventMs = packed.AFollowEventMs.Unpack();
        record._bFollowEventMs = packed.BFollowEventMs.Unpack();
        record._sentimentSumAToB = packed.SentimentSumAToB;
        record._sentimentSumBToA = packed.SentimentSumBToA;
        record._sentimentCountAToB = packed.SentimentCountAToB;
        record._sentimentCountBToA = packed.SentimentCountBToA;
        WidenCounts(packed.Counts, ref record._counts);
        record._flags = packed.Flags;
    }

    // The 22 counts move 16 bytes at a time: bytes [0, 16) and [6, 22). The second vector overlaps the
    // first (22 is not a multiple of 16), which writes the same values twice.

    /// <summary>Narrows the counts to 8 bits; false when one of them is larger.</summary>
    private static bool NarrowCounts(in PairCounts counts, ref PackedCounts packed)
    {
        ref uint from = ref Unsafe.AsRef(in counts[0]);
        ref byte to = ref packed[0];
        var c0 = Vector128.LoadUnsafe(ref from, 0);
        var c1 = Vector128.LoadUnsafe(ref from, 4);
        var c2 = Vector128.LoadUnsafe(ref from, 8);
        var c3 = Vector128.LoadUnsafe(ref from, 12);
        var c4 = Vector128.LoadUnsafe(ref from, 6);
        var c5 = Vector128.LoadUnsafe(ref from, 10);
        var c6 = Vector128.LoadUnsafe(ref from, 14);
        var c7 = Vector128.LoadUnsafe(ref from, 18);
        var high = (c0 | c1 | c2 | c3 | c6 | c7) & Vector128.Create(0xFFFF_FF00u);
        Vector128.Narrow(Vector128.Narrow(c0, c1), Vector128.Narrow(c2, c3)).StoreUnsafe(ref to, 0);
        Vector128.Narrow(Vector128.Narrow(c4, c5), Vector128.Narrow(c6, c7)).StoreUnsafe(ref to, 6);
        return high == Vector128<uint>.Zero;
    }

    /// <summary>Widens packed counts back to 32 bits.</summary>
    private static void WidenCounts(in PackedCounts packed, ref PairCounts counts)
    {
        ref byte from = ref Unsafe.AsRef(in packed[0]);
        ref uint to = ref counts[0];
        var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, 0));
        var (p0, p1) = Vector128.Widen(low);
        var (p2, p3) = Vector128.Widen(high);
        (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, 6));
        var (p4, p5) = Vector128.Widen(low);
        var (p6, p7) = Vector128.Widen(high);
        p0.StoreUnsafe(ref to, 0);
        p1.StoreUnsafe(ref to, 4);
        p2.StoreUnsafe(ref to, 8);
        p3.StoreUnsafe(ref to, 12);
        p4.StoreUnsafe(ref to, 6);
        p5.StoreUnsafe(ref to, 10);
        p6.StoreUnsafe(ref to, 14);
        p7.StoreUnsafe(ref to, 18);
    }
}
