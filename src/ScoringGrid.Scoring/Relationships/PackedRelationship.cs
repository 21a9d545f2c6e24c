using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// A <see cref="RelationshipRecord"/> in 120 bytes instead of 176, the form a table holding millions
/// keeps: the per-kind and sentiment counts in 16 bits each and the decay epoch in 32, everything else
/// as in the record. <see cref="RelationshipRecord.TryPack"/> makes it and refuses a record with a
/// value that does not fit (a count above 65,535, an epoch beyond 32 bits); the owner then keeps that
/// record whole. <see cref="RelationshipRecord.Unpack"/> gives back exactly the record packed.
/// </summary>
public struct PackedRelationship
{
    /// <summary>The packed epoch of a record whose sums have no epoch yet (nothing weighted applied).</summary>
    internal const int NoEpoch = int.MinValue;

    internal double First;
    internal double Second;
    internal long FirstMs;
    internal long LastMs;
    internal long AFollowEventMs;
    internal long BFollowEventMs;
    internal double SentimentSumAToB;
    internal double SentimentSumBToA;
    internal int Epoch;
    internal ushort SentimentCountAToB;
    internal ushort SentimentCountBToA;
    internal PackedCounts Counts;
    internal byte Flags;
}

/// <summary>The 22 per-kind counts of a <see cref="PackedRelationship"/>, 16 bits each, laid out as <see cref="PairCounts"/>.</summary>
[InlineArray(PairCounts.Length)]
internal struct PackedCounts
{
    private ushort _element0;
}
