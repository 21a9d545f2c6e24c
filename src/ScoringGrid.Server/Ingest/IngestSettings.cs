using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>What ingest work items need from configuration and the server's shared parts.</summary>
internal sealed class IngestSettings(ScoringLimits limits, bool durable, AccountDirectory directory, RelationshipGrainType relationships)
{
    public ScoringLimits Limits => limits;

    /// <summary>Whether changes are logged and checkpointed (deduplicators then list the ids they add).</summary>
    public bool Durable => durable;

    /// <summary>The account directory (handles ↔ ids).</summary>
    public AccountDirectory Directory => directory;

    /// <summary>The compact grain type of relationships.</summary>
    public RelationshipGrainType Relationships => relationships;

    public EventDeduplicator CreateDeduplicator() => new(limits.DeduplicationCapacityPerPartition, limits.DeduplicationWindow, durable);
}
