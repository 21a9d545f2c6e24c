namespace ScoringGrid.Server.Ingest;

/// <summary>
/// The event ids seen recently, for idempotent ingest: bounded in count (oldest forgotten
/// first) and in time (forgotten after the window). One per partition, touched only by that
/// partition's worker, so it needs no lock. An event is always deduplicated on the partition
/// of its target account (its actor for a POST), so a retry lands on the same table.
/// With durable storage it also lists the ids added since the last checkpoint, which the
/// checkpoint stores and recovery restores: idempotency survives restarts.
/// </summary>
public sealed class EventDeduplicator
{
    private readonly bool _trackAdded;
    private List<ScoringGrid.Grains.IdempotencyKey> _added = new();
    private readonly Dictionary<(string Tenant, string EventId), long> _seen = new();
    private readonly Queue<(string Tenant, string EventId, long SeenAt)> _order = new();
    private readonly int _capacity;
    private readonly long _windowMs;

    /// <summary>Creates a table remembering at most <paramref name="capacity"/> ids for <paramref name="window"/>.</summary>
    /// <param name="capacity">Ids remembered at most.</param>
    /// <param name="window">How long an id is remembered.</param>
    /// <param name="trackAdded">List added ids for checkpoints (durable storage).</param>
    public EventDeduplicator(int capacity, TimeSpan window, bool trackAdded = false)
    {
        _trackAdded = trackAdded;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _windowMs = (long)window.TotalMilliseconds;
    }

    /// <summary>Ids remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>Records an event id; false when it was already seen within the window.</summary>
    public bool TryAdd(string tenant, string eventId, long nowMs) => TryAdd(tenant, eventId, nowMs, default, 0);

    /// <summary>Records an event id owned by <paramref name="owner"/>, accepted in the log record at <paramref name="logPosition"/>.</summary>
    public bool TryAdd(string tenant, string eventId, long nowMs, ScoringGrid.Grains.GrainId owner, long logPosition)
    {
        if (!Add(tenant, eventId, nowMs))
        {
            return false;
        }

        if (_trackAdded)
        {
            _added.Add(new ScoringGrid.Grains.IdempotencyKey(tenant, eventId, owner, nowMs, logPosition));
        }

        return true;
    }

    /// <summary>Takes the ids added since the previous call (for a checkpoint).</summary>
    public List<ScoringGrid.Grains.IdempotencyKey> TakeAdded()
    {
        var added = _added;
        _added = new List<ScoringGrid.Grains.IdempotencyKey>();
        return added;
    }

    /// <summary>Puts back ids a failed checkpoint took, ahead of those added since.</summary>
    public void ReturnAdded(List<ScoringGrid.Grains.IdempotencyKey> keys)
    {
        keys.AddRange(_added);
        _added = keys;
    }

    /// <summary>Restores an id read from storage at start (not listed as added).</summary>
    public void Restore(string tenant, string eventId, long seenAtMs, long nowMs)
    {
        if (nowMs - seenAtMs < _windowMs)
        {
            Add(tenant, eventId, seenAtMs);
        }
    }

    private bool Add(string tenant, string eventId, long nowMs)
    {
        Expire(nowMs);
        var key = (tenant, eventId);
        if (_seen.ContainsKey(key))
        {
            return false;
        }

        _seen.Add(key, nowMs);
        _order.Enqueue((tenant, eventId, nowMs));
        while (_seen.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            ForgetIfCurrent(oldest);
        }

        return true;
    }

    /// <summary>Forgets an id that was added but whose event was then not applied.</summary>
    public void Remove(string tenant, string eventId)
    {
        _seen.Remove((tenant, eventId));
        if (_trackAdded && _added.Count > 0 && _added[^1].Key == eventId && _added[^1].Scope == tenant)
        {
            _added.RemoveAt(_added.Count - 1);
        }
    }

    private void Expire(long nowMs)
    {
        while (_order.TryPeek(out var oldest) && nowMs - oldest.SeenAt >= _windowMs)
        {
            _order.Dequeue();
            ForgetIfCurrent(oldest);
        }
    }

    private void ForgetIfCurrent((string Tenant, string EventId, long SeenAt) entry)
    {
        // A removed-then-re-added id has a newer entry in the queue; only its own entry forgets it.
        if (_seen.TryGetValue((entry.Tenant, entry.EventId), out var seenAt) && seenAt == entry.SeenAt)
        {
            _seen.Remove((entry.Tenant, entry.EventId));
        }
    }
}
