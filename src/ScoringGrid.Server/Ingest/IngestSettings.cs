using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Ingest;

/// <summary>What ingest work items need from configuration.</summary>
internal sealed class IngestSettings(ScoringLimits limits, bool durable)
{
    public ScoringLimits Limits => limits;

    /// <summary>Whether changes are logged and checkpointed (deduplicators then list the ids they add).</summary>
    public bool Durable => durable;

    public EventDeduplicator CreateDeduplicator() => new(limits.DeduplicationCapacityPerPartition, limits.DeduplicationWindow, durable);
}
