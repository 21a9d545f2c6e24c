namespace ScoringGrid.Grains;

/// <summary>
/// Base class of grains: a virtual actor activated on first use, processing one message at a
/// time (never concurrently), deactivated when idle. Grain code runs only on the worker of the
/// partition that owns the grain.
/// </summary>
public abstract class Grain
{
    private GrainId _grainId;

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId => _grainId;

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => _grainId.Key;

    /// <summary>The partition that owns the activation (null before activation).</summary>
    public GrainPartition? Partition { get; internal set; }

    /// <summary>Timestamp (of the runtime's time provider) of the last message.</summary>
    internal long LastUsed { get; set; }

    /// <summary>Called once after the grain is created and its state read, before its first message.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once before the grain leaves memory (idle, requested, or shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this grain after the current turn.</summary>
    protected void DeactivateOnIdle() => Partition?.RequestDeactivation(this);

    /// <summary>
    /// Whether the grain holds state not yet in storage that only a checkpoint writes (with
    /// checkpointed storage): such a grain is not collected when idle until it is written.
    /// </summary>
    internal virtual bool HasUnsavedState => false;

    /// <summary>
    /// Takes the grain into a checkpoint's cut when it has changed (false for a grain without state):
    /// the grain is clean afterwards until changed again; its record is serialized later, by
    /// <see cref="SerializeCapture"/>.
    /// </summary>
    internal virtual bool BeginCapture(GrainCaptureBatch batch, int index) => false;

    /// <summary>Serializes the state taken by <see cref="BeginCapture"/> into the batch, if not done yet.</summary>
    internal virtual void SerializeCapture(GrainCaptureBatch batch)
    {
    }

    /// <summary>The checkpoint that took the state was written with this ETag.</summary>
    internal virtual void CompleteCheckpoint(string etag)
    {
    }

    /// <summary>The checkpoint that took the state failed: the grain is dirty again.</summary>
    internal virtual void AbortCheckpoint()
    {
    }

    /// <summary>Binds the grain to its identity and storage, then reads its state.</summary>
    internal virtual Task InitializeAsync(GrainId grainId, IGrainStorage storage, CancellationToken cancellationToken)
    {
        _grainId = grainId;
        return Task.CompletedTask;
    }
}
