namespace ScoringGrid.Grains;

/// <summary>
/// Grain storage whose writes are made by checkpoints of the whole runtime (see
/// <see cref="GrainRuntime.CaptureCheckpointAsync"/>) rather than by each grain: a changed grain
/// is registered with its partition, written by the next checkpoint, and not collected while
/// it holds unsaved state.
/// </summary>
public interface ICheckpointedGrainStorage : IGrainStorage
{
    /// <summary>The serializer of grain state.</summary>
    IGrainStateSerializer Serializer { get; }

    /// <summary>Notes that a record now exists in storage (after a checkpoint wrote it).</summary>
    void NoteStored(string stateName, GrainId grainId);

    /// <summary>Notes that a record now exists in storage, by its grain's <see cref="GrainId.StableHash"/>.</summary>
    void NoteStored(string stateName, ulong stableHash);

    /// <summary>
    /// Whether a record of the grain with this <see cref="GrainId.StableHash"/> may exist: false means
    /// it certainly does not (no read is needed); true, that a read will tell.
    /// </summary>
    bool MayExist(string stateName, ulong stableHash);

    /// <summary>Reads a stored record as bytes, or null when there is none.</summary>
    Task<StoredGrainRecord?> ReadRecordAsync(string stateName, GrainId grainId);
}
