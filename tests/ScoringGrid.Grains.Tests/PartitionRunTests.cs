namespace ScoringGrid.Grains.Tests;

/// <summary>
/// <see cref="GrainPartition.Run"/>: a call from outside any turn to an idle partition runs in place,
/// on the calling thread; anything else is queued, and either way turns never overlap and work
/// queued earlier keeps its place.
/// </summary>
public sealed class PartitionRunTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private GrainRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new GrainRuntime(
            new GrainRuntimeOptions { Partitions = 2, CollectionAge = TimeSpan.FromMinutes(15), CollectionQuantum = TimeSpan.Zero },
            new GrainTypeRegistry(),
            new MemoryGrainStorage());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_call_to_an_idle_partition_from_outside_a_turn_runs_in_place()
    {
        var partition = _runtime.Partitions[0];
        var caller = Environment.CurrentManagedThreadId;
        var insideCall = true;

        var task = partition.InvokeAsync(_ => new ValueTask<(int Thread, bool InsideCall)>((Environment.CurrentManagedThreadId, insideCall)));
        insideCall = false;

        Assert.True(task.IsCompletedSuccessfully, "the turn should have run before InvokeAsync returned");
        var (thread, ranInsideCall) = await task.WaitAsync(Timeout);
        Assert.Equal(caller, thread);
        Assert.True(ranInsideCall);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_call_made_inside_a_turn_is_queued_not_run_in_place()
    {
        var outer = _runtime.Partitions[0];
        var other = _runtime.Partitions[1];

        var observed = await outer.InvokeAsync(async _ =>
        {
            var turnThread = Environment.CurrentManagedThreadId;
            var insideCall = true;
            var inner = other.InvokeAsync(_ => new ValueTask<(int Thread, bool InsideCall)>((Environment.CurrentManagedThreadId, insideCall)));
            insideCall = false;
            var (thread, ranInsideCall) = await inner.ConfigureAwait(false);
            return (SameThreadInsideCall: thread == turnThread && ranInsideCall, Done: true);
        }).WaitAsync(Timeout);

        // Run in place, the inner turn would have run on the outer turn's thread before the call returned.
        Assert.True(observed.Done);
        Assert.False(observed.SameThreadInsideCall);
    }

    [Fact(Timeout = 30_000)]
    public async Task Work_queued_before_runs_first_and_a_held_partition_is_waited_for()
    {
        var partition = _runtime.Partitions[0];
        var order = new List<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Holds the partition: it awaits inside its turn (run in place, so the partition stays taken).
        var holding = partition.InvokeAsync(async _ =>
        {
            await gate.Task.ConfigureAwait(false);
            order.Add("holding");
            return 0;
        });
        Assert.False(holding.IsCompleted);

        var queued = new RecordingItem(order, "queued");
        partition.Post(queued);
        var later = partition.InvokeAsync(_ =>
        {
            order.Add("later");
            return new ValueTask<int>(0);
        });

        await Task.Delay(100);
        Assert.False(later.IsCompleted, "a turn ran while another held the partition");
        Assert.Empty(order);

        gate.SetResult();
        await Task.WhenAll(holding, queued.Done, later).WaitAsync(Timeout);
        Assert.Equal(["holding", "queued", "later"], order);
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_in_place_and_queued_turns_never_overlap()
    {
        var partition = _runtime.Partitions[1];
        var inside = 0;
        var overlaps = 0;
        long total = 0;
        ValueTask<long> Turn(GrainPartition _)
        {
            if (Interlocked.Increment(ref inside) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            var value = total; // a lost update shows if two turns overlap
            Thread.SpinWait(20);
            total = value + 1;
            Interlocked.Decrement(ref inside);
            return new ValueTask<long>(total);
        }

        var callers = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                if (c % 2 == 0)
                {
                    await partition.InvokeAsync(Turn).ConfigureAwait(false);
                }
                else
                {
                    var item = new ActionItem(Turn);
                    partition.Post(item);
                    await item.Done.ConfigureAwait(false);
                }
            }
        }));
        await Task.WhenAll(callers).WaitAsync(Timeout);

        Assert.Equal(0, overlaps);
        Assert.Equal(12_000, total);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_call_after_stop_fails()
    {
        var partition = _runtime.Partitions[0];
        await _runtime.StopAsync();

        var call = partition.InvokeAsync(_ => new ValueTask<int>(1));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(Timeout));
    }

    private sealed class RecordingItem(List<string> order, string name) : WorkItem
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        protected internal override ValueTask ExecuteAsync(GrainPartition partition)
        {
            order.Add(name);
            _done.SetResult();
            return ValueTask.CompletedTask;
        }

        protected internal override void Fail(Exception exception) => _done.TrySetException(exception);
    }

    private sealed class ActionItem(Func<GrainPartition, ValueTask<long>> action) : WorkItem
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        protected internal override async ValueTask ExecuteAsync(GrainPartition partition)
        {
            await action(partition).ConfigureAwait(false);
            _done.SetResult();
        }

        protected internal override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
