using System.Collections.Concurrent;
using System.Globalization;

namespace ScoringGrid.Grains;

/// <summary>
/// Grain storage in process memory, for tests: keeps the state object itself (not a copy)
/// with an ETag per record. Nothing survives the process.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Record> _records = new();
    private long _version;

    /// <summary>Number of records held.</summary>
    public int Count => _records.Count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = (T)record.State;
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = new T();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        var key = (stateName, grainId);
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var next = new Record(grainState.State, etag);
        if (grainState.ETag is null)
        {
            if (!_records.TryAdd(key, next))
            {
                throw Conflict(grainId, _records.TryGetValue(key, out var stored) ? stored.ETag : null, null);
            }
        }
        else if (!_records.TryGetValue(key, out var stored) || stored.ETag != grainState.ETag || !_records.TryUpdate(key, next, stored))
        {
            throw Conflict(grainId, _records.TryGetValue(key, out var now) ? now.ETag : null, grainState.ETag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        where T : class, new()
    {
        var key = (stateName, grainId);
        if (_records.TryGetValue(key, out var stored))
        {
            if (stored.ETag != grainState.ETag)
            {
                throw Conflict(grainId, stored.ETag, grainState.ETag);
            }

            _records.TryRemove(key, out _);
        }

        grainState.State = new T();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static InconsistentStateException Conflict(GrainId grainId, string? stored, string? current) =>
        new($"ETag conflict writing {grainId}: stored {stored ?? "none"}, writer had {current ?? "none"}.", stored, current);

    private sealed record Record(object State, string ETag);
}
