using System.Collections.Concurrent;

namespace ScoringGrid.Grains;

/// <summary>
/// Grain storage over a durable provider, written by checkpoints. Keeps an index of which
/// records exist (loaded once at start, kept up to date by checkpoints), so activating a grain
/// that was never stored costs no round trip to the store: the common case on ingest, where
/// most new relationships are new.
/// </summary>
public sealed class CheckpointedGrainStorage : ICheckpointedGrainStorage
{
    private readonly IDurableGrainStorage _store;
    // 64-bit hashes of the stored records' identities: a collision only costs a read that finds nothing.
    private readonly ConcurrentDictionary<ulong, byte> _stored = new();

    /// <summary>Creates the storage over <paramref name="store"/>.</summary>
    public CheckpointedGrainStorage(IDurableGrainStorage store, IGrainStateSerializer serializer)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
    }

    /// <summary>The durable provider.</summary>
    public IDurableGrainStorage Store => _store;

    /// <inheritdoc />
    public IGrainStateSerializer Serializer { get; }

    /// <summary>Number of records known to exist.</summary>
    public int StoredCount => _stored.Count;

    /// <summary>Loads the index of stored records (call once at start).</summary>
    public async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        await foreach (var (stateName, grainId) in _store.ReadRecordIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            _stored.TryAdd(IndexKey(stateName, grainId), 0);
        }
    }

    /// <inheritdoc />
    public void NoteStored(string stateName, GrainId grainId) => _stored.TryAdd(IndexKey(stateName, grainId), 0);

    /// <inheritdoc />
    public void NoteStored(string stateName, ulong stableHash) => _stored.TryAdd(IndexKey(stateName, stableHash), 0);

    /// <inheritdoc />
    public bool MayExist(string stateName, ulong stableHash) => _stored.ContainsKey(IndexKey(stateName, stableHash));

    /// <inheritdoc />
    public Task<StoredGrainRecord?> ReadRecordAsync(string stateName, GrainId grainId) =>
        _store.ReadAsync(stateName, grainId, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        if (!_stored.ContainsKey(IndexKey(stateName, grainId)))
        {
            Reset(grainState);
            return;
        }

        var record = await _store.ReadAsync(stateName, grainId, CancellationToken.None).ConfigureAwait(false);
        if (record is null)
        {
            Reset(grainState);
            return;
        }

        grainState.State = Serializer.Deserialize<T>(grainId, record.Data);
        grainState.ETag = record.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        var etag = await _store.WriteAsync(
            new GrainRecordWrite(stateName, grainId, Serializer.Serialize(grainId, grainState.State), grainState.ETag, 0),
            CancellationToken.None).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        NoteStored(stateName, grainId);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        await _store.DeleteAsync(stateName, grainId, grainState.ETag, CancellationToken.None).ConfigureAwait(false);
        Reset(grainState);
    }

    private static ulong IndexKey(string stateName, GrainId grainId) => IndexKey(stateName, grainId.StableHash);

    private static ulong IndexKey(string stateName, ulong stableHash)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in stateName)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash ^ stableHash;
    }

    private static void Reset<T>(IGrainState<T> grainState)
        where T : class, new()
    {
        grainState.State = new T();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
