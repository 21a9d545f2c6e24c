using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Ingest;

/// <summary>What ingest work items need from configuration.</summary>
internal sealed class IngestSettings(ScoringLimits limits)
{
    public ScoringLimits Limits => limits;

    public EventDeduplicator CreateDeduplicator() => new(limits.DeduplicationCapacityPerPartition, limits.DeduplicationWindow);
}
