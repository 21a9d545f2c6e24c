namespace ScoringGrid.Grains;

/// <summary>
/// A grain storage provider that keeps state outside the process as bytes (SQLite, PostgreSQL),
/// with what recovery needs besides grain records: the log position covered by the last
/// checkpoint and the idempotency keys seen. A checkpoint is written in one transaction: either
/// every record, key and the new position are stored, or none is.
/// </summary>
/// <remarks>
/// ETags are record versions: a write states the version it read (null for a record it
/// believes does not exist) and fails with <see cref="InconsistentStateException"/> when the
/// stored version differs. A failure to reach the store (network, server down, disk) surfaces
/// as <see cref="StorageUnavailableException"/>, so callers can tell it from a conflict.
/// </remarks>
public interface IDurableGrainStorage : IAsyncDisposable
{
    /// <summary>The provider's name, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema. Called once at start, before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one record, or null when there is none.</summary>
    Task<StoredGrainRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Writes one record; returns its new ETag.</summary>
    Task<string> WriteAsync(GrainRecordWrite write, CancellationToken cancellationToken);

    /// <summary>Deletes one record (its ETag must match); no record is not an error when the ETag is null.</summary>
    Task DeleteAsync(string stateName, GrainId grainId, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a checkpoint atomically: every record (each with its ETag check), the idempotency
    /// keys added, removes keys seen before <see cref="Checkpoint.ForgetKeysSeenBeforeMs"/>, and
    /// stores <see cref="Checkpoint.LogPosition"/>. Returns the new ETag of each record, in order.
    /// On any conflict nothing is written and <see cref="InconsistentStateException"/> is thrown.
    /// </summary>
    Task<string[]> WriteCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The log position of the last checkpoint (0 when none was written).</summary>
    Task<long> ReadCheckpointPositionAsync(CancellationToken cancellationToken);

    /// <summary>Every stored idempotency key seen at or after <paramref name="seenSinceMs"/>.</summary>
    IAsyncEnumerable<IdempotencyKey> ReadIdempotencyKeysAsync(long seenSinceMs, CancellationToken cancellationToken);

    /// <summary>The identity of every stored record (state name and grain), for the runtime's index of what exists.</summary>
    IAsyncEnumerable<(string StateName, GrainId GrainId)> ReadRecordIdsAsync(CancellationToken cancellationToken);

    /// <summary>A cheap round trip that fails with <see cref="StorageUnavailableException"/> when the store cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}

/// <summary>A stored record.</summary>
/// <param name="Data">The serialized state.</param>
/// <param name="ETag">Its version.</param>
/// <param name="LogPosition">The log position the state includes every change up to (for replay).</param>
public sealed record StoredGrainRecord(byte[] Data, string ETag, long LogPosition);

/// <summary>One record to write.</summary>
/// <param name="StateName">The state's name.</param>
/// <param name="GrainId">The grain.</param>
/// <param name="Data">The serialized state.</param>
/// <param name="ETag">The version read or last written; null when the record is believed not to exist.</param>
/// <param name="LogPosition">The log position the state includes every change up to.</param>
public sealed record GrainRecordWrite(string StateName, GrainId GrainId, byte[] Data, string? ETag, long LogPosition);

/// <summary>
/// An idempotency key: the 128-bit hash of an event id accepted within a scope (the server
/// hashes tenant and event id together), with the placement hash of the grain whose partition
/// deduplicates it, when it was seen and the log position of its batch. Hashes, not ids, so the
/// dedupe window costs a fixed 32 bytes per event in memory and in storage; two different events
/// share a hash with a probability of about n²/2¹²⁹ for n events. Providers store them in packed
/// batches (<see cref="IdempotencyKeyBatch"/>).
/// </summary>
/// <param name="Hash">The event's hash.</param>
/// <param name="OwnerHash">Placement hash of the grain whose partition deduplicates the key.</param>
/// <param name="SeenAtMs">When it was first accepted, ms since the epoch.</param>
/// <param name="LogPosition">Log position of the batch that carried it.</param>
public readonly record struct IdempotencyKey(UInt128 Hash, ulong OwnerHash, long SeenAtMs, long LogPosition);

/// <summary>What one checkpoint writes.</summary>
/// <param name="Records">Grain records, in order.</param>
/// <param name="AddedKeys">
/// Idempotency keys accepted since the previous checkpoint. Read them during the write only: once
/// the write has returned, the caller reuses their memory.
/// </param>
/// <param name="ForgetKeysSeenBeforeMs">Keys seen before this instant are deleted (the dedupe window).</param>
/// <param name="LogPosition">Every change up to this log position is in storage once the checkpoint is written.</param>
public sealed record Checkpoint(
    IReadOnlyList<GrainRecordWrite> Records,
    IReadOnlyList<IdempotencyKey> AddedKeys,
    long ForgetKeysSeenBeforeMs,
    long LogPosition);
