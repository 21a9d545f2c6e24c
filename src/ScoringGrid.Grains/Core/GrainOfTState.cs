namespace ScoringGrid.Grains;

/// <summary>
/// A grain with persistent state: the state is read from storage before activation and
/// written by the grain (e.g. in <see cref="Grain.OnDeactivateAsync"/>) with optimistic
/// concurrency (ETag).
/// </summary>
/// <remarks>
/// The grain is its own <see cref="IGrainState{T}"/> (implemented explicitly, for storage only): a server
/// holds millions of activations, and a separate state holder would cost each one an object.
/// </remarks>
/// <typeparam name="TState">The state class.</typeparam>
public abstract class Grain<TState> : Grain, IGrainState<TState>
    where TState : class, new()
{
    private TState _state = new();
    private string? _etag;
    private bool _recordExists;
    private IGrainStorage? _storage;
    private bool _dirty;
    private bool _checkpointPending;
    private GrainCaptureBatch? _capture; // a checkpoint's cut holds this grain's state, not yet serialized
    private int _captureIndex;

    /// <summary>The state.</summary>
    protected TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc />
    TState IGrainState<TState>.State
    {
        get => _state;
        set => _state = value;
    }

    /// <inheritdoc />
    string? IGrainState<TState>.ETag
    {
        get => _etag;
        set => _etag = value;
    }

    /// <inheritdoc />
    bool IGrainState<TState>.RecordExists
    {
        get => _recordExists;
        set => _recordExists = value;
    }

    /// <summary>Whether storage is written by runtime checkpoints rather than by the grain.</summary>
    protected bool IsCheckpointed => _storage is ICheckpointedGrainStorage;

    /// <summary>Whether the state changed since it was read or last written.</summary>
    protected bool IsStateDirty => _dirty;

    /// <summary>
    /// Notes that the state changed. With checkpointed storage the runtime writes it in the next
    /// checkpoint; otherwise the grain writes it (typically when deactivated).
    /// </summary>
    protected void MarkStateChanged()
    {
        if (_capture is not null)
        {
            throw new InvalidOperationException(
                $"Grain {GrainId} changed its state while a checkpoint had yet to serialize it: call {nameof(PrepareForChange)} before changing the state.");
        }

        if (_dirty)
        {
            return;
        }

        _dirty = true;
        if (_storage is ICheckpointedGrainStorage)
        {
            Partition?.AddDirty(this);
        }
    }

    /// <summary>
    /// Call before changing the state: when a checkpoint's cut holds this grain and has not
    /// serialized it yet, it is serialized now, so the checkpoint records the state as of its cut
    /// (copy on write). Cheap when there is no such checkpoint.
    /// </summary>
    protected void PrepareForChange()
    {
        if (_capture is { } capture)
        {
            SerializeCapture(capture);
        }
    }

    /// <summary>Whether storage holds a record of this grain.</summary>
    protected bool RecordExists => _recordExists;

    /// <summary>The storage name of the state (the state class name by default).</summary>
    protected virtual string StateName => typeof(TState).Name;

    /// <summary>Reads the state from storage again.</summary>
    protected Task ReadStateAsync() => Storage.ReadStateAsync(StateName, GrainId, this);

    /// <summary>Writes the state to storage; fails with <see cref="InconsistentStateException"/> on an ETag conflict.</summary>
    protected async Task WriteStateAsync()
    {
        await Storage.WriteStateAsync(StateName, GrainId, this).ConfigureAwait(false);
        _dirty = false;
    }

    /// <summary>Removes the state from storage and resets it.</summary>
    protected Task ClearStateAsync() => Storage.ClearStateAsync(StateName, GrainId, this);

    internal override bool HasUnsavedState => _storage is ICheckpointedGrainStorage && (_dirty || _checkpointPending);

    internal override bool BeginCapture(GrainCaptureBatch batch, int index)
    {
        if (!_dirty)
        {
            return false;
        }

        _dirty = false;
        _checkpointPending = true;
        _capture = batch;
        _captureIndex = index;
        return true;
    }

    internal override void SerializeCapture(GrainCaptureBatch batch)
    {
        if (!ReferenceEquals(_capture, batch))
        {
            return;
        }

        batch.Writes[_captureIndex] = new GrainRecordWrite(StateName, GrainId, batch.Serializer.Serialize(GrainId, _state), _etag, batch.LogPosition);
        _capture = null;
    }

    internal override void CompleteCheckpoint(string etag)
    {
        _etag = etag;
        _recordExists = true;
        _checkpointPending = false;
    }

    internal override void AbortCheckpoint()
    {
        _checkpointPending = false;
        _capture = null;
        if (!_dirty)
        {
            _dirty = true;
            Partition?.AddDirty(this);
        }
    }

    internal override async Task InitializeAsync(GrainId grainId, IGrainStorage storage, CancellationToken cancellationToken)
    {
        await base.InitializeAsync(grainId, storage, cancellationToken).ConfigureAwait(false);
        _storage = storage;
        await storage.ReadStateAsync(StateName, grainId, this).ConfigureAwait(false);
    }

    private IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The grain is not activated.");
}
