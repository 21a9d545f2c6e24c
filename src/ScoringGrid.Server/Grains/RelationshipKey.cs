namespace ScoringGrid.Server.Grains;

/// <summary>
/// The key of a relationship grain in memory: the two accounts' directory handles, smaller first.
/// Handles are per process and unique across tenants, so the key needs no tenant; storage names the
/// grain by <see cref="GrainKeys.Relationship"/> (tenant and ids).
/// </summary>
public readonly record struct RelationshipKey
{
    /// <summary>Orders the two handles.</summary>
    public RelationshipKey(int first, int second)
    {
        if (first == second)
        {
            throw new ArgumentException("a relationship needs two different accounts", nameof(second));
        }

        (Lo, Hi) = first < second ? (first, second) : (second, first);
    }

    /// <summary>The smaller handle: side A of the stored <see cref="Scoring.RelationshipRecord"/>.</summary>
    public int Lo { get; }

    /// <summary>The larger handle: side B.</summary>
    public int Hi { get; }

    /// <inheritdoc />
    public override int GetHashCode() => (int)(((uint)Lo * 0x9E3779B1u) ^ (uint)Hi);
}
