using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>The state of a relationship grain.</summary>
public sealed class RelationshipGrainState
{
    /// <summary>Both directions of the pair; null until the pair's first interaction.</summary>
    public RelationshipState? Pair { get; set; }
}
