using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>Entries grouped by the partition they go to.</summary>
internal sealed class PartitionGroups<T>
{
    private readonly Dictionary<GrainPartition, List<T>> _groups = new();

    public void Add(GrainPartition partition, T entry)
    {
        if (!_groups.TryGetValue(partition, out var list))
        {
            list = new List<T>();
            _groups.Add(partition, list);
        }

        list.Add(entry);
    }

    /// <summary>Forks the round once per group, then posts each group as a work item.</summary>
    public void Post(PhaseRound round, Func<List<T>, WorkItem> create)
    {
        round.Fork(_groups.Count);
        foreach (var (partition, entries) in _groups)
        {
            partition.Post(create(entries));
        }
    }
}
