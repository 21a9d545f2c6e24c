namespace ScoringGrid.Grains;

/// <summary>Runs an action on a partition's worker and completes a task with its result (off the worker).</summary>
internal sealed class PartitionActionWorkItem<T>(Func<GrainPartition, ValueTask<T>> action) : WorkItem
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    protected internal override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        _completion.TrySetResult(await action(partition).ConfigureAwait(false));
    }

    protected internal override void Fail(Exception exception) => _completion.TrySetException(exception);
}
