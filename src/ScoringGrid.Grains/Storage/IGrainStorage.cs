namespace ScoringGrid.Grains;

/// <summary>
/// Where grain state lives between activations. Writes carry the ETag that was read: a write
/// whose ETag does not match the stored one fails with <see cref="InconsistentStateException"/>
/// and never overwrites silently.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/> (a fresh state when there is no record).</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new();

    /// <summary>Writes the state and updates its ETag.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new();

    /// <summary>Deletes the record and resets the state.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new();
}
