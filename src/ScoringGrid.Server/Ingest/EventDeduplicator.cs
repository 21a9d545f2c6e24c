namespace ScoringGrid.Server.Ingest;

/// <summary>
/// The event ids seen recently, for idempotent ingest: bounded in count (oldest forgotten
/// first) and in time (forgotten after the window). One per partition, touched only by that
/// partition's worker, so it needs no lock. An event is always deduplicated on the partition
/// of its target account (its actor for a POST), so a retry lands on the same table.
/// </summary>
public sealed class EventDeduplicator
{
    private readonly Dictionary<(string Tenant, string EventId), long> _seen = new();
    private readonly Queue<(string Tenant, string EventId, long SeenAt)> _order = new();
    private readonly int _capacity;
    private readonly long _windowMs;

    /// <summary>Creates a table remembering at most <paramref name="capacity"/> ids for <paramref name="window"/>.</summary>
    public EventDeduplicator(int capacity, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _windowMs = (long)window.TotalMilliseconds;
    }

    /// <summary>Ids remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>Records an event id; false when it was already seen within the window.</summary>
    public bool TryAdd(string tenant, string eventId, long nowMs)
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
    public void Remove(string tenant, string eventId) => _seen.Remove((tenant, eventId));

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
