namespace ScoringGrid.Scoring;

/// <content>Packing into the 120-byte form tables keep (<see cref="PackedRelationship"/>).</content>
public partial struct RelationshipRecord
{
    /// <summary>
    /// The record in its packed form; false when a value does not fit it (a per-kind or sentiment count
    /// above 65,535, or a decay epoch beyond 32 bits), and the record must be kept whole.
    /// </summary>
    /// <param name="packed">The packed record; meaningless when false is returned.</param>
    public readonly bool TryPack(out PackedRelationship packed)
    {
        packed = default;
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

        uint high = (uint)_sentimentCountAToB | (uint)_sentimentCountBToA;
        for (int i = 0; i < PairCounts.Length; i++)
        {
            uint count = _counts[i];
            high |= count;
            packed.Counts[i] = (ushort)count;
        }

        if (high > ushort.MaxValue)
        {
            return false;
        }

        packed.First = _decay.First;
        packed.Second = _decay.Second;
        packed.FirstMs = _firstMs;
        packed.LastMs = _lastMs;
        packed.AFollowEventMs = _aFollowEventMs;
        packed.BFollowEventMs = _bFollowEventMs;
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
        record = default;
        record._decay.Epoch = packed.Epoch == PackedRelationship.NoEpoch ? DecayedPair.NoEpoch : packed.Epoch;
        record._decay.First = packed.First;
        record._decay.Second = packed.Second;
        record._firstMs = packed.FirstMs;
        record._lastMs = packed.LastMs;
        record._aFollowEventMs = packed.AFollowEventMs;
        record._bFollowEventMs = packed.BFollowEventMs;
        record._sentimentSumAToB = packed.SentimentSumAToB;
        record._sentimentSumBToA = packed.SentimentSumBToA;
        record._sentimentCountAToB = packed.SentimentCountAToB;
        record._sentimentCountBToA = packed.SentimentCountBToA;
        for (int i = 0; i < PairCounts.Length; i++)
        {
            record._counts[i] = packed.Counts[i];
        }

        record._flags = packed.Flags;
    }
}
