namespace ScoringGrid.Scoring;

/// <summary>
/// Plain, serialiser-friendly copy of a <see cref="RelationshipState"/> (primitives and arrays only).
/// Made by <see cref="RelationshipState.Save"/>, read by <see cref="RelationshipState.Load"/>.
/// </summary>
public sealed class RelationshipSnapshot
{
    /// <summary>The ordinal-smaller account id.</summary>
    public string A { get; set; } = "";

    /// <summary>The ordinal-larger account id.</summary>
    public string B { get; set; } = "";

    /// <summary>Epoch of the decayed sums in half-lives from the landmark; null when nothing weighted was applied.</summary>
    public long? Epoch { get; set; }

    /// <summary>A→B decayed sum relative to the epoch.</summary>
    public double AToB { get; set; }

    /// <summary>B→A decayed sum relative to the epoch.</summary>
    public double BToA { get; set; }

    /// <summary>A→B counts indexed by kind.</summary>
    public long[] CountsAToB { get; set; } = [];

    /// <summary>B→A counts indexed by kind.</summary>
    public long[] CountsBToA { get; set; } = [];

    /// <summary>Earliest interaction, or null.</summary>
    public long? FirstInteractionMs { get; set; }

    /// <summary>Latest interaction, or null.</summary>
    public long? LastInteractionMs { get; set; }

    /// <summary>Whether A follows B.</summary>
    public bool AFollowsB { get; set; }

    /// <summary>Whether B follows A.</summary>
    public bool BFollowsA { get; set; }

    /// <summary>Time of A's latest FOLLOW/UNFOLLOW of B, or null.</summary>
    public long? AFollowEventMs { get; set; }

    /// <summary>Time of B's latest FOLLOW/UNFOLLOW of A, or null.</summary>
    public long? BFollowEventMs { get; set; }

    /// <summary>Sum of A→B sentiments.</summary>
    public double SentimentSumAToB { get; set; }

    /// <summary>Sum of B→A sentiments.</summary>
    public double SentimentSumBToA { get; set; }

    /// <summary>Count of A→B sentiments.</summary>
    public int SentimentCountAToB { get; set; }

    /// <summary>Count of B→A sentiments.</summary>
    public int SentimentCountBToA { get; set; }
}
