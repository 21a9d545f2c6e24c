using ScoringGrid.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Entries grouped by the partition they go to, each group a list from <see cref="GroupPool{T}"/>
/// that the work item receiving it gives back once it has run.
/// </summary>
internal sealed class PartitionGroups<T>
{
    private List<T>?[]? _byPartition;
    private IReadOnlyList<GrainPartition>? _partitions;
    private int _count;

    public void Add(GrainPartition partition, T entry)
    {
        _partitions ??= partition.Runtime.Partitions;
        var groups = _byPartition ??= new List<T>?[_partitions.Count];
        var list = groups[partition.Index];
        if (list is null)
        {
            list = GroupPool<T>.Rent();
            groups[partition.Index] = list;
            _count++;
        }

        list.Add(entry);
    }

    /// <summary>Forks the round once per group, then posts each group as a work item.</summary>
    public void Post(PhaseRound round, Func<List<T>, WorkItem> create)
    {
        if (_byPartition is not { } groups)
        {
            return;
        }

        round.Fork(_count);
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] is { } entries)
            {
                _partitions![i].Post(create(entries));
            }
        }
    }
}
