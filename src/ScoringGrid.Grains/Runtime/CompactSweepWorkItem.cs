namespace ScoringGrid.Grains;

/// <summary>
/// One step of an idle sweep over a partition's compact tables: scans up to a budget of slots, then
/// posts itself again until every table was swept, so a large table never holds the partition long.
/// </summary>
internal sealed class CompactSweepWorkItem(ICompactGrainTable[] tables, TimeSpan age, int budget) : WorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _table;

    public Task Completion => _completion.Task;

    protected internal override ValueTask ExecuteAsync(GrainPartition partition)
    {
        while (_table < tables.Length)
        {
            if (!tables[_table].CollectIdle(age, budget))
            {
                partition.Post(this);
                return ValueTask.CompletedTask;
            }

            _table++;
        }

        _completion.TrySetResult();
        return ValueTask.CompletedTask;
    }

    protected internal override void Fail(Exception exception) => _completion.TrySetException(exception);
}
