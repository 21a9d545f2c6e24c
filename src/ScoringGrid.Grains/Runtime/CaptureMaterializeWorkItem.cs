namespace ScoringGrid.Grains;

/// <summary>
/// Serializes a partition's captured grains a slice at a time, posting itself again until all are
/// done, so the serialization of a large checkpoint never holds the partition long.
/// </summary>
internal sealed class CaptureMaterializeWorkItem(GrainCaptureBatch batch, int budget) : WorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    protected internal override ValueTask ExecuteAsync(GrainPartition partition)
    {
        if (batch.MaterializeSome(budget))
        {
            _completion.TrySetResult();
        }
        else
        {
            partition.Post(this);
        }

        return ValueTask.CompletedTask;
    }

    protected internal override void Fail(Exception exception) => _completion.TrySetException(exception);
}
