namespace ScoringGrid.Scoring;

/// <summary>A relationship's scores at one as-of, with the components they come from.</summary>
public sealed class RelationshipScore
{
    /// <summary>The ordinal-smaller account id.</summary>
    public required string A { get; init; }

    /// <summary>The ordinal-larger account id.</summary>
    public required string B { get; init; }

    /// <summary>The time the decayed values are evaluated at.</summary>
    public long AsOfMs { get; init; }

    /// <summary>Decayed weighted engagement from A to B at as-of (may be negative after UNFOLLOW).</summary>
    public double AToB { get; init; }

    /// <summary>Decayed weighted engagement from B to A at as-of (may be negative after UNFOLLOW).</summary>
    public double BToA { get; init; }

    /// <summary><c>2·min/(sum)</c> of the two directions clamped to ≥ 0; 0 when the sum is 0; in [0, 1].</summary>
    public double Reciprocity { get; init; }

    /// <summary><c>(AToB⁺ + BToA⁺)·(0.5 + 0.5·Reciprocity)</c>, never negative.</summary>
    public double Strength { get; init; }

    /// <summary>The clock-free ranking key of the strength (see <see cref="RelationshipState.StrengthKey"/>).</summary>
    public double StrengthKey { get; init; }

    /// <summary>Interactions from A to B per kind (all time).</summary>
    public required KindCounts CountsAToB { get; init; }

    /// <summary>Interactions from B to A per kind (all time).</summary>
    public required KindCounts CountsBToA { get; init; }

    /// <summary>Earliest interaction, or null when none.</summary>
    public long? FirstInteractionMs { get; init; }

    /// <summary>Latest interaction, or null when none.</summary>
    public long? LastInteractionMs { get; init; }

    /// <summary>Whether A follows B (latest FOLLOW/UNFOLLOW by event time).</summary>
    public bool AFollowsB { get; init; }

    /// <summary>Whether B follows A (latest FOLLOW/UNFOLLOW by event time).</summary>
    public bool BFollowsA { get; init; }

    /// <summary>How many A→B interactions carried a sentiment.</summary>
    public int SentimentCountAToB { get; init; }

    /// <summary>How many B→A interactions carried a sentiment.</summary>
    public int SentimentCountBToA { get; init; }

    /// <summary>Mean sentiment A→B, or null when none carried one.</summary>
    public double? MeanSentimentAToB { get; init; }

    /// <summary>Mean sentiment B→A, or null when none carried one.</summary>
    public double? MeanSentimentBToA { get; init; }

    /// <summary>The weights applied.</summary>
    public required KindWeights Weights { get; init; }

    /// <summary>The half-life applied.</summary>
    public long HalfLifeMs { get; init; }
}
