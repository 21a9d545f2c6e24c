namespace ScoringGrid.Scoring;

/// <summary>
/// A relationship's scores at one instant, as a value: what <see cref="RelationshipScore"/> reports
/// except the ids and the per-kind counts (read those from the record with
/// <see cref="RelationshipRecord.CountOf"/>). Lets a query answer without allocating.
/// </summary>
public readonly struct RelationshipFigures
{
    /// <summary>The instant the figures were evaluated at, ms.</summary>
    public long AsOfMs { get; init; }

    /// <summary>Half-life of the decay applied, ms.</summary>
    public long HalfLifeMs { get; init; }

    /// <summary>Decayed weighted engagement from A to B.</summary>
    public double AToB { get; init; }

    /// <summary>Decayed weighted engagement from B to A.</summary>
    public double BToA { get; init; }

    /// <summary><see cref="TieStrength.Reciprocity"/> of the two.</summary>
    public double Reciprocity { get; init; }

    /// <summary><see cref="TieStrength.Strength"/> of the two.</summary>
    public double Strength { get; init; }

    /// <summary>Earliest applied interaction, or null when none.</summary>
    public long? FirstInteractionMs { get; init; }

    /// <summary>Latest applied interaction, or null when none.</summary>
    public long? LastInteractionMs { get; init; }

    /// <summary>A follows B.</summary>
    public bool AFollowsB { get; init; }

    /// <summary>B follows A.</summary>
    public bool BFollowsA { get; init; }
}
