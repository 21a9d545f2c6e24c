namespace ScoringGrid.Scoring;

/// <summary>One entry of a <see cref="TopRelationships{TOther}"/> listing.</summary>
/// <typeparam name="TOther">How the other account is named (id or handle).</typeparam>
/// <param name="Other">The other account of the relationship.</param>
/// <param name="Key">The relationship's ranking key (<see cref="RelationshipState.StrengthKey"/>).</param>
/// <param name="Rank">1-based rank.</param>
public readonly record struct RankedRelationship<TOther>(TOther Other, double Key, int Rank);
