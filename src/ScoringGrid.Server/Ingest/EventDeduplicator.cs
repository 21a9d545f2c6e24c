using ScoringGrid.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// The event ids seen recently, bounded in count (oldest forgotten first) and in time (forgotten
/// after the window). One per partition, touched only by that partition's worker, so it needs no
/// lock. An event is always deduplicated on the partition of its target account (its actor for a
/// POST), so a retry lands on the same table.
/// </summary>
/// <remarks>
/// <para>
/// Events are held as 128-bit hashes of tenant and event id (<see cref="EventHashes"/>), in a ring
/// of entries in arrival order (for expiry) indexed by an open-addressing table, both in native
/// memory: 24 bytes a ring slot and 16 of index for each, no object per event, nothing for the
/// garbage collector to trace or count. Storage grows with use up to the capacity; disposing frees it.
/// </para>
/// <para>
/// With durable storage it also lists the keys added since the last checkpoint, which the
/// checkpoint stores and recovery restores: idempotency survives restarts.
/// </para>
/// </remarks>
public sealed class EventDeduplicator : IDisposable
{
    private const int InitialRing = 1024;
    private const int EvictionLookahead = 16;

    private readonly bool _trackAdded;
    private readonly int _capacity;
    private readonly long _windowMs;
    private AddedKeys _added = new();
    private readonly Stack<AddedKeys.Entry[]> _spareChunks = new(); // chunks of lists a checkpoint wrote, to fill again
    private NativeBuffer<Entry> _ring = new(InitialRing);
    private int _head; // ring index of the oldest entry
    private int _count;
    // Open addressing, linear probing. An entry holds the ring index + 1 (low half; 0 = empty) and the
    // upper half of the hash's mix (high half), so probes and deletions compare and re-home entries
    // without reading the ring.
    private NativeBuffer<long> _index = new(2 * InitialRing);
    private int _shift = 64 - 11;

    /// <summary>Creates a table remembering at most <paramref name="capacity"/> ids for <paramref name="window"/>.</summary>
    /// <param name="capacity">Ids remembered at most.</param>
    /// <param name="window">How long an id is remembered.</param>
    /// <param name="trackAdded">List added ids for checkpoints (durable storage).</param>
    public EventDeduplicator(int capacity, TimeSpan window, bool trackAdded = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _trackAdded = trackAdded;
        _capacity = capacity;
        _windowMs = (long)window.TotalMilliseconds;
    }

    /// <summary>Ids currently remembered.</summary>
    public int Count => _count;

    /// <summary>
    /// Records an event accepted at <paramref name="nowMs"/> in the log record at
    /// <paramref name="logPosition"/>, deduplicated here for the grain placed by
    /// <paramref name="ownerHash"/>; false when it was already seen within the window.
    /// </summary>
    public bool TryAdd(UInt128 hash, long nowMs, ulong ownerHash = 0, long logPosition = 0)
    {
        Expire(nowMs);
        if (Find(hash) >= 0)
        {
            return false;
        }

        Append(hash, nowMs);
        if (_trackAdded)
        {
            _added.Add(new IdempotencyKey(hash, ownerHash, nowMs, logPosition), _spareChunks);
        }

        return true;
    }

    /// <summary>
    /// Starts loading the index entry <see cref="TryAdd"/> will read first for <paramref name="hash"/>
    /// (see <see cref="CacheHint"/>): a turn hints a batch's ids before it adds them.
    /// </summary>
    public void Prefetch(UInt128 hash) => _index.Prefetch(Home(Mix(hash)));

    /// <summary>Forgets the id added last (its event was then not applied).</summary>
    public void RemoveLast(UInt128 hash)
    {
        if (_count == 0)
        {
            return;
        }

        int last = (_head + _count - 1) & RingMask;
        if (_ring[last].Hash != hash)
        {
            throw new InvalidOperationException("Only the id added last can be removed.");
        }

        Unindex(last);
        _ring[last] = default;
        _count--;
        if (_trackAdded)
        {
            _added.RemoveLast(hash);
        }
    }

    /// <summary>
    /// Takes the ids added since the previous call (for a checkpoint). Give the list back with
    /// <see cref="Recycle"/> once the checkpoint is written, or <see cref="ReturnAdded"/> when it failed.
    /// </summary>
    public AddedKeys TakeAdded()
    {
        var added = _added;
        _added = new AddedKeys();
        return added;
    }

    /// <summary>Puts back ids a failed checkpoint took, ahead of those added since.</summary>
    public void ReturnAdded(AddedKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        keys.AddRange(_added, _spareChunks);
        _added.MoveChunksTo(_spareChunks);
        _added = keys;
    }

    /// <summary>
    /// Takes back the chunks of a list a checkpoint has written, to fill again. Spare chunks are kept
    /// up to what that list held, so memory follows the ingest rate: once ingest stops, the next
    /// checkpoint's list is short and the spare chunks beyond it are let go.
    /// </summary>
    public void Recycle(AddedKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int keep = keys.ChunkCount;
        keys.MoveChunksTo(_spareChunks);
        while (_spareChunks.Count > keep)
        {
            _spareChunks.Pop();
        }
    }

    /// <summary>Chunks kept to fill again (see <see cref="Recycle"/>).</summary>
    internal int SpareChunkCount => _spareChunks.Count;

    /// <summary>Restores an id read from storage at start (not listed as added); call oldest first.</summary>
    public void Restore(UInt128 hash, long seenAtMs, long nowMs)
    {
        if (nowMs - seenAtMs < _windowMs && Find(hash) < 0)
        {
            Append(hash, seenAtMs);
        }
    }

    private void Append(UInt128 hash, long seenAtMs)
    {
        if (_count == _capacity)
        {
            DropOldest();
        }
        else if (_count == _ring.Length)
        {
            Grow();
        }

        int slot = (_head + _count) & RingMask;
        _ring[slot] = new Entry(hash, seenAtMs);
        _count++;
        Index(slot, Mix(hash));
    }

    private void Index(int slot, uint mix)
    {
        int mask = IndexMask;
        int bucket = Home(mix);
        while (_index[bucket] != 0)
        {
            bucket = (bucket + 1) & mask;
        }

        _index[bucket] = ((long)mix << 32) | (uint)(slot + 1);
    }

    private void Expire(long nowMs)
    {
        while (_count > 0 && nowMs - _ring[_head].SeenAtMs >= _windowMs)
        {
            DropOldest();
        }
    }

    private void DropOldest()
    {
        // The ring holds ids in the order they go: start loading the index entry of the one dropped
        // EvictionLookahead drops from now, so that drop does not wait for it.
        if (_count > EvictionLookahead)
        {
            _index.Prefetch(Home(Mix(_ring[(_head + EvictionLookahead) & RingMask].Hash)));
        }

        Unindex(_head);
        _ring[_head] = default;
        _head = (_head + 1) & RingMask;
        _count--;
    }

    /// <summary>The ring index of a hash, or −1.</summary>
    private int Find(UInt128 hash)
    {
        int mask = IndexMask;
        uint mix = Mix(hash);
        for (int bucket = Home(mix); ; bucket = (bucket + 1) & mask)
        {
            long entry = _index[bucket];
            if (entry == 0)
            {
                return -1;
            }

            int slot = (int)(uint)entry - 1;
            if ((uint)(entry >>> 32) == mix && _ring[slot].Hash == hash)
            {
                return slot;
            }
        }
    }

    /// <summary>Removes a ring entry from the index (backward-shift deletion, no tombstones).</summary>
    private void Unindex(int slot)
    {
        int mask = IndexMask;
        int hole = Home(Mix(_ring[slot].Hash));
        while ((int)(uint)_index[hole] != slot + 1)
        {
            hole = (hole + 1) & mask;
        }

        int next = (hole + 1) & mask;
        while (_index[next] != 0)
        {
            int home = Home((uint)(_index[next] >>> 32));
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _index[hole] = _index[next];
                hole = next;
            }

            next = (next + 1) & mask;
        }

        _index[hole] = 0;
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose()
    {
        _ring.Dispose();
        _index.Dispose();
    }

    private int RingMask => (int)_ring.Length - 1;

    private int IndexMask => (int)_index.Length - 1;

    /// <summary>Doubles the ring (oldest first from index 0) and rebuilds the index at twice its size.</summary>
    private void Grow()
    {
        var old = _ring;
        var ring = new NativeBuffer<Entry>(old.Length * 2);
        for (int i = 0; i < _count; i++)
        {
            ring[i] = old[(_head + i) & RingMask];
        }

        _ring = ring;
        old.Dispose();
        _head = 0;
        _index.Dispose();
        _index = new NativeBuffer<long>(ring.Length * 2);
        _shift = 64 - System.Numerics.BitOperations.Log2((ulong)_index.Length);
        for (int i = 0; i < _count; i++)
        {
            Index(i, Mix(ring[i].Hash));
        }
    }

    /// <summary>The upper 32 bits of the hash's multiplicative mix: its home bucket is their top bits.</summary>
    private static uint Mix(UInt128 hash) => (uint)(((ulong)hash * 0x9E3779B97F4A7C15UL) >> 32);

    /// <summary>The home bucket of a mix (the index has at most 2^32 buckets, so the mix holds it).</summary>
    private int Home(uint mix) => (int)(mix >> (_shift - 32));

    /// <summary>One remembered id (24 bytes: see <see cref="EventHash"/>).</summary>
    internal readonly struct Entry(UInt128 hash, long seenAtMs)
    {
        private readonly EventHash _hash = new(hash);

        public UInt128 Hash => _hash.Value;

        public long SeenAtMs { get; } = seenAtMs;
    }
}
