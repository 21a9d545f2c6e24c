namespace ScoringGrid.Grains;

/// <summary>Calls one grain and completes a task with the result (off the worker).</summary>
internal sealed class InvokeWorkItem<TGrain, TResult> : WorkItem
    where TGrain : Grain
{
    private readonly GrainId _grainId;
    private readonly Func<TGrain, ValueTask<TResult>> _call;
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InvokeWorkItem(GrainId grainId, Func<TGrain, ValueTask<TResult>> call)
    {
        _grainId = grainId;
        _call = call;
    }

    public Task<TResult> Task => _completion.Task;

    protected internal override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var grain = await partition.GetOrActivateAsync<TGrain>(_grainId).ConfigureAwait(false);
        _completion.TrySetResult(await _call(grain).ConfigureAwait(false));
    }

    protected internal override void Fail(Exception exception) => _completion.TrySetException(exception);
}
