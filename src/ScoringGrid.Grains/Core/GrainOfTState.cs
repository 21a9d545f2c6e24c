namespace ScoringGrid.Grains;

/// <summary>
/// A grain with persistent state: the state is read from storage before activation and
/// written by the grain (e.g. in <see cref="Grain.OnDeactivateAsync"/>) with optimistic
/// concurrency (ETag).
/// </summary>
/// <typeparam name="TState">The state class.</typeparam>
public abstract class Grain<TState> : Grain
    where TState : class, new()
{
    private readonly GrainState<TState> _state = new();
    private IGrainStorage? _storage;

    /// <summary>The state.</summary>
    protected TState State
    {
        get => _state.State;
        set => _state.State = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether storage holds a record of this grain.</summary>
    protected bool RecordExists => _state.RecordExists;

    /// <summary>The storage name of the state (the state class name by default).</summary>
    protected virtual string StateName => typeof(TState).Name;

    /// <summary>Reads the state from storage again.</summary>
    protected Task ReadStateAsync() => Storage.ReadStateAsync(StateName, GrainId, _state);

    /// <summary>Writes the state to storage; fails with <see cref="InconsistentStateException"/> on an ETag conflict.</summary>
    protected Task WriteStateAsync() => Storage.WriteStateAsync(StateName, GrainId, _state);

    /// <summary>Removes the state from storage and resets it.</summary>
    protected Task ClearStateAsync() => Storage.ClearStateAsync(StateName, GrainId, _state);

    internal override async Task InitializeAsync(GrainId grainId, IGrainStorage storage, CancellationToken cancellationToken)
    {
        await base.InitializeAsync(grainId, storage, cancellationToken).ConfigureAwait(false);
        _storage = storage;
        await storage.ReadStateAsync(StateName, grainId, _state).ConfigureAwait(false);
    }

    private IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The grain is not activated.");
}
