using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// The relationship of an unordered pair of accounts of a tenant, keyed by
/// <see cref="GrainKeys.Relationship"/>: engagement both ways, counts, follows.
/// </summary>
public interface IRelationshipGrain : IGrainWithStringKey
{
    /// <summary>The relationship at an instant; null when the pair never interacted.</summary>
    Task<RelationshipScore?> GetScoreAsync(long asOfMs);
}
