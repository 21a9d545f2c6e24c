namespace ScoringGrid.Scoring;

/// <summary>One entry of a <see cref="TopRelationships"/> listing.</summary>
/// <param name="Other">The other account of the relationship.</param>
/// <param name="Key">The relationship's ranking key (<see cref="RelationshipState.StrengthKey"/>).</param>
/// <param name="Rank">1-based rank.</param>
public readonly record struct RankedRelationship(string Other, double Key, int Rank);
