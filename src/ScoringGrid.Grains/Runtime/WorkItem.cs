namespace ScoringGrid.Grains;

/// <summary>
/// A message for one partition, run by its worker: it may touch any grain of that partition
/// (never concurrently with another item of the same partition) and post further items.
/// </summary>
public abstract class WorkItem
{
    /// <summary>Does the work on the partition's worker.</summary>
    protected internal abstract ValueTask ExecuteAsync(GrainPartition partition);

    /// <summary>The item threw, or the runtime stopped before it ran.</summary>
    protected internal abstract void Fail(Exception exception);
}
