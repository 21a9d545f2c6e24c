namespace ScoringGrid.Grains;

/// <summary>
/// The virtual-actor runtime of one silo: grains are placed on partitions by the stable hash
/// of their identity, activated on first use, run one message at a time, and deactivated
/// when idle (their <see cref="Grain.OnDeactivateAsync"/> persists what must survive).
/// </summary>
public sealed class GrainRuntime : IAsyncDisposable
{
    private readonly GrainPartition[] _partitions;
    private readonly GrainRuntimeOptions _options;
    private readonly ITimer? _collectionTimer;
    private int _stopped;

    /// <summary>Creates and starts the runtime.</summary>
    public GrainRuntime(GrainRuntimeOptions options, GrainTypeRegistry types, IGrainStorage storage, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Types = types ?? throw new ArgumentNullException(nameof(types));
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        TimeProvider = timeProvider ?? TimeProvider.System;
        StartTimestamp = TimeProvider.GetTimestamp();
        _partitions = new GrainPartition[options.Partitions];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new GrainPartition(this, i);
            _partitions[i].Start();
        }

        if (options.CollectionQuantum > TimeSpan.Zero)
        {
            _collectionTimer = TimeProvider.CreateTimer(static state => _ = ((GrainRuntime)state!).CollectIdleAsync(), this, options.CollectionQuantum, options.CollectionQuantum);
        }
    }

    /// <summary>Raised when a work item or a deactivation fails unexpectedly.</summary>
    public event Action<Exception, string>? UnhandledError;

    /// <summary>The registered grain classes.</summary>
    public GrainTypeRegistry Types { get; }

    /// <summary>Where grain state is kept.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>The clock used for idleness.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Timestamp (of <see cref="TimeProvider"/>) at which the runtime started.</summary>
    public long StartTimestamp { get; }

    /// <summary>The partitions.</summary>
    public IReadOnlyList<GrainPartition> Partitions => _partitions;

    /// <summary>The partition that owns a grain.</summary>
    public GrainPartition PartitionOf(GrainId grainId) => PartitionOf(grainId.StableHash);

    /// <summary>The partition that owns what a stable placement hash places (a compact grain's <see cref="CompactGrainType{TKey, TState, TPacked}.PlacementHash"/>).</summary>
    public GrainPartition PartitionOf(ulong placementHash) => _partitions[(int)(placementHash % (ulong)_partitions.Length)];

    /// <summary>
    /// Calls a grain in its turn and returns the result. Called from outside any turn while the
    /// grain's partition is idle, the turn runs at once on the calling thread (<see cref="GrainPartition.Run"/>).
    /// </summary>
    public Task<TResult> InvokeAsync<TGrain, TResult>(GrainId grainId, Func<TGrain, TResult> call)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(call);
        var item = new InvokeWorkItem<TGrain, TResult>(grainId, grain => new ValueTask<TResult>(call(grain)));
        PartitionOf(grainId).Run(item);
        return item.Task;
    }

    /// <summary>Calls a grain's asynchronous method in its turn and returns the result (in place when it can, as above).</summary>
    public Task<TResult> InvokeAsync<TGrain, TResult>(GrainId grainId, Func<TGrain, ValueTask<TResult>> call)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(call);
        var item = new InvokeWorkItem<TGrain, TResult>(grainId, call);
        PartitionOf(grainId).Run(item);
        return item.Task;
    }

    /// <summary>Calls a grain's task-returning method (a grain interface method) in its turn.</summary>
    public Task<TResult> InvokeAsync<TGrain, TResult>(GrainId grainId, Func<TGrain, Task<TResult>> call)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(call);
        return InvokeAsync<TGrain, TResult>(grainId, grain => new ValueTask<TResult>(call(grain)));
    }

    /// <summary>
    /// Takes, on every partition, the state of each grain changed since the previous capture
    /// (checkpointed storage only). The caller must make sure no change is in flight while it
    /// runs, so that the capture is a consistent cut at <paramref name="logPosition"/>; it then
    /// writes the records and reports the outcome with <see cref="CompleteCheckpointAsync"/>.
    /// </summary>
    public async Task<CheckpointCapture[]> CaptureCheckpointAsync(long logPosition)
    {
        var storage = Storage as ICheckpointedGrainStorage
            ?? throw new InvalidOperationException("The runtime's storage is not checkpointed.");
        return await OnEveryPartitionAsync(p => new ValueTask<CheckpointCapture>(p.Capture(storage.Serializer, logPosition))).ConfigureAwait(false);
    }

    /// <summary>
    /// Serializes the grains a capture took, on their partitions a slice at a time (interleaved with
    /// other work); call it after the cut, before reading the captures' writes.
    /// </summary>
    public Task MaterializeCheckpointAsync(CheckpointCapture[] captures)
    {
        ArgumentNullException.ThrowIfNull(captures);
        var tasks = new Task[captures.Length];
        for (var i = 0; i < captures.Length; i++)
        {
            var item = new CaptureMaterializeWorkItem(captures[i].GrainBatch, _options.CheckpointSerializationBatch);
            captures[i].Partition.Post(item);
            tasks[i] = item.Completion;
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>
    /// Reports a written checkpoint (<paramref name="etags"/>: the new ETag of each record, in
    /// the order of the captures' writes) or a failed one (null: the grains are dirty again).
    /// </summary>
    public Task CompleteCheckpointAsync(CheckpointCapture[] captures, string[]? etags)
    {
        ArgumentNullException.ThrowIfNull(captures);
        var storage = (ICheckpointedGrainStorage)Storage;
        var tasks = new Task[captures.Length];
        var offset = 0;
        for (var i = 0; i < captures.Length; i++)
        {
            var capture = captures[i];
            var start = offset;
            offset += capture.Count;
            var item = new PartitionActionWorkItem<bool>(_ =>
            {
                var writes = capture.Writes;
                for (var g = 0; g < capture.Grains.Count; g++)
                {
                    if (etags is null)
                    {
                        capture.Grains[g].AbortCheckpoint();
                    }
                    else
                    {
                        capture.Grains[g].CompleteCheckpoint(etags[start + g]);
                        storage.NoteStored(writes[g].StateName, writes[g].GrainId);
                    }
                }

                var next = start + capture.GrainWriteCount;
                foreach (var compact in capture.Compact)
                {
                    if (etags is null)
                    {
                        compact.Abort();
                    }
                    else
                    {
                        compact.Complete(etags.AsSpan(next, compact.Count));
                    }

                    next += compact.Count;
                }

                return new ValueTask<bool>(true);
            });
            capture.Partition.Post(item);
            tasks[i] = item.Task;
        }

        if (etags is not null && etags.Length != offset)
        {
            throw new ArgumentException($"{etags.Length} ETags for {offset} records", nameof(etags));
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>Grains changed and not yet captured by a checkpoint, over all partitions (approximate).</summary>
    public int DirtyCount
    {
        get
        {
            var count = 0;
            foreach (var partition in _partitions)
            {
                count += partition.DirtyCount;
            }

            return count;
        }
    }

    /// <summary>Runs an action on the worker of every partition and returns each result, by partition index.</summary>
    public async Task<T[]> OnEveryPartitionAsync<T>(Func<GrainPartition, ValueTask<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var tasks = new Task<T>[_partitions.Length];
        for (var i = 0; i < _partitions.Length; i++)
        {
            var item = new PartitionActionWorkItem<T>(action);
            _partitions[i].Post(item);
            tasks[i] = item.Task;
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Deactivates grains idle longer than the collection age, in every partition.</summary>
    public async Task CollectIdleAsync()
    {
        var sweeps = await OnEveryPartitionAsync(p => p.CollectIdleAsync(_options.CollectionAge, _options.CompactCollectionBatch)).ConfigureAwait(false);
        await Task.WhenAll(sweeps).ConfigureAwait(false);
    }

    /// <summary>Deactivates every grain, then stops the workers.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _collectionTimer?.Dispose();
        await OnEveryPartitionAsync(p => p.DeactivateAllAsync()).ConfigureAwait(false);
        foreach (var partition in _partitions)
        {
            await partition.StopAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal void ReportError(Exception exception, string message) => UnhandledError?.Invoke(exception, message);

    private Task OnEveryPartitionAsync(Func<GrainPartition, ValueTask> action) =>
        OnEveryPartitionAsync(async partition =>
        {
            await action(partition).ConfigureAwait(false);
            return true;
        });
}
