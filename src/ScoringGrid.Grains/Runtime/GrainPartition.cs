using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScoringGrid.Grains;

/// <summary>
/// One partition of the runtime: a mailbox of work items and the grains it owns. At most one
/// thread drains the mailbox at a time, so a grain is only ever touched by one thread at a time
/// and needs no lock. The drain runs on the thread pool when there is work (as Orleans schedules
/// activations): no thread per partition to wake or to switch to, and a work item posted from a
/// pool thread usually runs on that same thread next. A drain gives its thread back after a time
/// slice, so a busy partition never holds a pool thread for long. A turn that awaits (storage I/O
/// on activation) holds the partition until it finishes, without blocking a thread: turns never
/// interleave. A call from outside any turn to an idle partition runs its turn in place on the
/// calling thread instead (<see cref="Run"/>).
/// </summary>
public sealed class GrainPartition : IThreadPoolWorkItem
{
    /// <summary>How long one drain runs before it gives its thread back (checked between work items).</summary>
    private static readonly long SliceTicks = Stopwatch.Frequency / 500; // 2 ms

    private readonly GrainRuntime _runtime;
    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private int _scheduled; // 1 while a drain is queued or running, or a turn runs in place (Run)

    // True while this thread runs the synchronous part of a turn (of any partition): such a caller
    // never runs another partition's turn in place, so turns of different partitions keep running
    // on different threads in parallel.
    [ThreadStatic]
    private static bool t_inTurn;
    private volatile bool _stopping;
    private readonly Dictionary<GrainId, Grain> _activations = new();
    private readonly Dictionary<Type, object> _locals = new();
    private readonly List<Grain> _pendingDeactivation = new();
    private List<Grain> _dirty = new();
    private readonly Dictionary<object, ICompactGrainTable> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly List<ICompactGrainTable> _tableList = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal GrainPartition(GrainRuntime runtime, int index)
    {
        _runtime = runtime;
        Index = index;
    }

    /// <summary>The partition's number.</summary>
    public int Index { get; }

    /// <summary>The runtime the partition belongs to.</summary>
    public GrainRuntime Runtime => _runtime;

    /// <summary>Grains active in this partition (read on the worker; approximate elsewhere).</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>
    /// A partition-local object, created on first use: only this partition's worker touches
    /// it, so it needs no lock (e.g. a deduplication table for the keys placed here).
    /// </summary>
    public T GetLocal<T>(Func<T> create)
        where T : class
    {
        if (!_locals.TryGetValue(typeof(T), out var local))
        {
            local = create();
            _locals[typeof(T)] = local;
        }

        return (T)local;
    }

    /// <summary>
    /// Seconds since the runtime started, as of the start of the current work item: the clock of
    /// compact grains' idleness (read on the worker).
    /// </summary>
    public uint TurnSeconds { get; private set; }

    /// <summary>This partition's table of a compact grain type, created on first use (use it on the worker only).</summary>
    public CompactGrainTable<TKey, TState, TPacked> GetTable<TKey, TState, TPacked>(CompactGrainType<TKey, TState, TPacked> type)
        where TKey : unmanaged, IEquatable<TKey>
        where TState : unmanaged
        where TPacked : unmanaged
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_tables.TryGetValue(type, out var table))
        {
            table = new CompactGrainTable<TKey, TState, TPacked>(type, this);
            _tables.Add(type, table);
            _tableList.Add(table);
        }

        return (CompactGrainTable<TKey, TState, TPacked>)table;
    }

    /// <summary>The activation of a grain when it is in memory.</summary>
    public bool TryGetActivation<TGrain>(GrainId grainId, out TGrain grain)
        where TGrain : Grain
    {
        if (_activations.TryGetValue(grainId, out var active))
        {
            active.LastUsed = _runtime.TimeProvider.GetTimestamp();
            grain = (TGrain)active;
            return true;
        }

        grain = null!;
        return false;
    }

    /// <summary>The grain's activation, activating it (reading its state) when it is not in memory.</summary>
    public ValueTask<TGrain> GetOrActivateAsync<TGrain>(GrainId grainId)
        where TGrain : Grain =>
        TryGetActivation<TGrain>(grainId, out var grain) ? new ValueTask<TGrain>(grain) : ActivateAsync<TGrain>(grainId);

    /// <summary>
    /// Runs <paramref name="action"/> in a turn of this partition and returns its result: at once on
    /// the calling thread when the partition is idle and the caller is outside any turn (see
    /// <see cref="Run"/>), else queued.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<GrainPartition, ValueTask<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var item = new PartitionActionWorkItem<T>(action);
        Run(item);
        return item.Task;
    }

    /// <summary>
    /// Runs a work item now, on the calling thread, when nothing else holds the partition, nothing is
    /// queued before it and the caller is not itself in a turn of any partition (a request handler
    /// calling a grain); otherwise queues it as <see cref="Post"/> does. Either way it is one turn
    /// among the partition's others, never concurrent with them. Running it in place spares the hand-off
    /// to another thread and back, which on a lightly loaded server costs more than the call itself.
    /// The item runs alone: work queued meanwhile is left to a drain on the thread pool, so a caller
    /// never does another's work. A turn that awaits keeps the partition until it finishes.
    /// </summary>
    public void Run(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (t_inTurn || _stopped.Task.IsCompleted || !_queue.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
        {
            Post(item);
            return;
        }

        if (!_queue.IsEmpty || _stopping)
        {
            // Work arrived before the partition was taken (or it is stopping): keep the order.
            _queue.Enqueue(item);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
            return;
        }

        var pending = ExecuteAsync(item);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = DrainAfterAsync(pending);
            return;
        }

        Volatile.Write(ref _scheduled, 0);
        if (!_queue.IsEmpty || _stopping)
        {
            Schedule(preferLocal: true);
        }
    }

    /// <summary>Queues a work item to this partition.</summary>
    public void Post(WorkItem item)
    {
        if (_stopped.Task.IsCompleted)
        {
            item.Fail(new ObjectDisposedException(nameof(GrainRuntime), "The grain runtime is stopped."));
            return;
        }

        _queue.Enqueue(item);
        if (_stopped.Task.IsCompleted)
        {
            FailQueued();
            return;
        }

        Schedule(preferLocal: true);
    }

    /// <inheritdoc />
    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    internal void RequestDeactivation(Grain grain) => _pendingDeactivation.Add(grain);

    /// <summary>Grains changed since the last checkpoint capture (checkpointed storage only).</summary>
    internal int DirtyCount
    {
        get
        {
            int count = _dirty.Count;
            foreach (var table in _tableList)
            {
                count += table.DirtyCount;
            }

            return count;
        }
    }

    internal void AddDirty(Grain grain) => _dirty.Add(grain);

    /// <summary>
    /// Takes every changed grain into a checkpoint's cut (runs on the worker): compact grains are
    /// copied, grain objects only marked (serialized afterwards, or before their next change).
    /// </summary>
    internal CheckpointCapture Capture(IGrainStateSerializer serializer, long logPosition)
    {
        var dirty = _dirty;
        _dirty = new List<Grain>();
        var grains = new List<Grain>(dirty.Count);
        var batch = new GrainCaptureBatch(serializer, logPosition, grains);
        foreach (var grain in dirty)
        {
            if (grain.BeginCapture(batch, grains.Count))
            {
                grains.Add(grain);
            }
        }

        batch.Seal();

        var compact = new List<CompactCapture>(_tableList.Count);
        foreach (var table in _tableList)
        {
            compact.Add(table.Capture(logPosition));
        }

        return new CheckpointCapture(this, batch, compact);
    }

    internal void Start()
    {
    }

    internal async Task StopAsync()
    {
        _stopping = true;
        Schedule(preferLocal: false);
        await _stopped.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Deactivates the grains idle for at least the age (runs on the worker), then sweeps the compact
    /// tables in steps of <paramref name="compactBudget"/> slots, each step a work item of its own so
    /// other work runs in between; the task returned completes when the sweep has finished.
    /// </summary>
    internal async ValueTask<Task> CollectIdleAsync(TimeSpan age, int compactBudget)
    {
        await CollectIdleGrainsAsync(age).ConfigureAwait(false);
        if (_tableList.Count == 0)
        {
            return Task.CompletedTask;
        }

        var sweep = new CompactSweepWorkItem(_tableList.ToArray(), age, compactBudget);
        Post(sweep);
        return sweep.Completion;
    }

    private async ValueTask CollectIdleGrainsAsync(TimeSpan age)
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        List<Grain>? idle = null;
        foreach (var grain in _activations.Values)
        {
            if (!grain.HasUnsavedState && _runtime.TimeProvider.GetElapsedTime(grain.LastUsed, now) >= age)
            {
                (idle ??= new List<Grain>()).Add(grain);
            }
        }

        if (idle is null)
        {
            return;
        }

        foreach (var grain in idle)
        {
            await DeactivateAsync(grain, DeactivationReason.IdleCollection).ConfigureAwait(false);
        }
    }

    /// <summary>Deactivates every grain (runs on the worker).</summary>
    internal async ValueTask DeactivateAllAsync()
    {
        foreach (var grain in _activations.Values.ToArray())
        {
            await DeactivateAsync(grain, DeactivationReason.RuntimeShutdown).ConfigureAwait(false);
        }
    }

    private async ValueTask<TGrain> ActivateAsync<TGrain>(GrainId grainId)
        where TGrain : Grain
    {
        var created = _runtime.Types.Create(grainId);
        if (created is not TGrain grain)
        {
            throw new InvalidOperationException($"Grain {grainId} is a {created.GetType().Name}, not a {typeof(TGrain).Name}.");
        }

        await grain.InitializeAsync(grainId, _runtime.Storage, CancellationToken.None).ConfigureAwait(false);
        grain.Partition = this;
        grain.LastUsed = _runtime.TimeProvider.GetTimestamp();
        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        _activations.Add(grainId, grain);
        return grain;
    }

    private async ValueTask DeactivateAsync(Grain grain, DeactivationReason reason)
    {
        if (!_activations.Remove(grain.GrainId))
        {
            return;
        }

        try
        {
            await grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _runtime.ReportError(ex, $"Deactivation of {grain.GrainId} failed.");
        }
    }

    private void Schedule(bool preferLocal)
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal);
        }
    }

    /// <summary>Finishes a turn run in place that awaited, then drains what was queued meanwhile (the partition is held throughout).</summary>
    private async Task DrainAfterAsync(ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    /// <summary>Runs queued work items one at a time until the queue is empty or the time slice is used up.</summary>
    private async Task DrainAsync()
    {
        var sliceEnd = Stopwatch.GetTimestamp() + SliceTicks;
        while (true)
        {
            while (_queue.TryDequeue(out var item))
            {
                await ExecuteAsync(item).ConfigureAwait(false);
                if (Stopwatch.GetTimestamp() > sliceEnd && !_queue.IsEmpty)
                {
                    // Still scheduled: give the thread back and continue from the pool's global queue.
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }
            }

            Volatile.Write(ref _scheduled, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
            {
                break;
            }
        }

        if (_stopping && _queue.IsEmpty)
        {
            foreach (var table in _tableList)
            {
                table.Dispose();
            }

            foreach (var local in _locals.Values)
            {
                (local as IDisposable)?.Dispose();
            }

            _stopped.TrySetResult();
            FailQueued();
        }
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Fail(new ObjectDisposedException(nameof(GrainRuntime), "The grain runtime is stopped."));
        }
    }

    private async ValueTask ExecuteAsync(WorkItem item)
    {
        TurnSeconds = (uint)_runtime.TimeProvider.GetElapsedTime(_runtime.StartTimestamp).TotalSeconds;
        try
        {
            var wasInTurn = t_inTurn;
            t_inTurn = true;
            ValueTask pending;
            try
            {
                pending = item.ExecuteAsync(this);
            }
            finally
            {
                t_inTurn = wasInTurn;
            }

            if (!pending.IsCompletedSuccessfully)
            {
                await pending.ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            item.Fail(ex);
        }

        if (_pendingDeactivation.Count > 0)
        {
            var requested = _pendingDeactivation.ToArray();
            _pendingDeactivation.Clear();
            foreach (var grain in requested)
            {
                await DeactivateAsync(grain, DeactivationReason.Requested).ConfigureAwait(false);
            }
        }
    }
}
