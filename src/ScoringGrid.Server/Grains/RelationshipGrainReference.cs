using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>A reference to a relationship grain.</summary>
internal sealed class RelationshipGrainReference(GrainRuntime runtime, GrainId id) : IRelationshipGrain
{
    public Task<RelationshipScore?> GetScoreAsync(long asOfMs) =>
        runtime.InvokeAsync<RelationshipGrain, RelationshipScore?>(id, g => g.GetScoreAsync(asOfMs));
}
