using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>A grain phase 0 activates: an account (by handle) or a relationship.</summary>
internal readonly record struct GrainToActivate(int AccountHandle, RelationshipKey Pair)
{
    public static GrainToActivate Account(int handle) => new(handle, default);

    public static GrainToActivate Relationship(RelationshipKey pair) => new(-1, pair);
}
