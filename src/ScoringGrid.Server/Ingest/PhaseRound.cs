namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Completion of work spread over partitions: a count of outstanding work items (each forks its
/// successors before it joins), completed when the last one joins, or failed by the first that throws.
/// </summary>
internal sealed class PhaseRound
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding = 1;

    public Task Completion => _done.Task;

    /// <summary>Announces <paramref name="count"/> more work items.</summary>
    public void Fork(int count) => Interlocked.Add(ref _outstanding, count);

    /// <summary>One work item (or the dispatcher) is done.</summary>
    public void Join()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
