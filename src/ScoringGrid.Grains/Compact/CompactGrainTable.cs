using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoringGrid.Grains;

/// <summary>
/// One partition's activations of a <see cref="CompactGrainType{TKey, TState, TPacked}"/>: slots in
/// chunked arrays of structs (no object per grain, nothing for the garbage collector to trace) found
/// through an open-addressing index. Touched only by the partition's worker.
/// </summary>
/// <remarks>
/// <para>
/// A slot number stays valid while the grain is active; callers use it between a lookup and the end
/// of the same turn. Slots freed by idle collection are reused.
/// </para>
/// <para>
/// A slot holds its state packed (<see cref="CompactGrainType{TKey, TState, TPacked}.TryPack"/>).
/// A state that does not pack is kept whole in a side table by slot, and the slot is marked so;
/// <see cref="Read"/> and <see cref="Write"/> hide the difference.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TState">The state.</typeparam>
/// <typeparam name="TPacked">The packed form a slot holds.</typeparam>
public sealed class CompactGrainTable<TKey, TState, TPacked> : ICompactGrainTable, IDisposable
    where TKey : unmanaged, IEquatable<TKey>
    where TState : unmanaged
    where TPacked : unmanaged
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MinimumBuckets = 64;

    /// <summary>
    /// The largest record version a slot holds (2^58 − 1): versions count writes, so no store reaches it;
    /// storage handing back a larger one fails the activation or the checkpoint with an error saying so.
    /// </summary>
    public const long MaxVersion = (1L << Slot.VersionBits) - 1;

    private readonly CompactGrainType<TKey, TState, TPacked> _type;
    private readonly GrainPartition _partition;
    private readonly ICheckpointedGrainStorage? _storage;
    // Slots and index live in native memory: millions of structs with no references, which the
    // garbage collector then never scans, copies, or counts towards its large-object budget.
    private NativeBuffer<Slot>?[] _chunks = [];
    private int _slotCount; // slots ever handed out (the high-water mark)
    private NativeBuffer<int> _buckets = new(MinimumBuckets); // slot + 1; 0 = empty
    private int _shift = 64 - 6; // 64 − log2(buckets)
    private int _count;
    private int[] _free = new int[16];
    private int _freeCount;
    private List<int> _dirty = new();
    private int _collectCursor;
    private readonly Dictionary<int, TState> _whole = new(); // by slot: states that do not pack

    internal CompactGrainTable(CompactGrainType<TKey, TState, TPacked> type, GrainPartition partition)
    {
        _type = type;
        _partition = partition;
        _storage = partition.Runtime.Storage as ICheckpointedGrainStorage;
    }

    /// <summary>The grain type.</summary>
    public CompactGrainType<TKey, TState, TPacked> Type => _type;

    /// <summary>Active grains.</summary>
    public int Count => _count;

    /// <summary>Bytes a slot takes: the key, the packed state, the version with the flags, and the time of last use.</summary>
    public static int SlotSize => Unsafe.SizeOf<Slot>();

    /// <summary>Active grains whose state does not pack, kept whole beside the slots.</summary>
    public int WholeCount => _whole.Count;

    /// <inheritdoc />
    public int DirtyCount => _dirty.Count;

    /// <summary>The key of an active slot.</summary>
    public ref readonly TKey KeyAt(int slot) => ref SlotAt(slot).Key;

    /// <summary>The state of an active slot.</summary>
    public void Read(int slot, out TState state)
    {
        ref Slot s = ref SlotAt(slot);
        if ((s.Flags & SlotFlags.Whole) != 0)
        {
            state = _whole[slot];
            return;
        }

        _type.Unpack(s.State, out state);
    }

    /// <summary>Replaces the state of an active slot; only in the grain's turn, then call <see cref="MarkChanged"/>.</summary>
    public void Write(int slot, in TState state)
    {
        ref Slot s = ref SlotAt(slot);
        if (_type.TryPack(state, out s.State))
        {
            ForgetWhole(slot, ref s);
            return;
        }

        s.State = default;
        _whole[slot] = state;
        s.Flags |= SlotFlags.Whole;
    }

    /// <summary>Finds an active grain (and notes its use); false when it is not in memory.</summary>
    public bool TryGetActive(in TKey key, out int slot)
    {
        slot = Find(key, out _);
        if (slot < 0)
        {
            return false;
        }

        SlotAt(slot).LastUsed = Now();
        return true;
    }

    /// <summary>
    /// Starts loading the index entry where the search for <paramref name="key"/> begins: the first of
    /// two hints (<see cref="PrefetchSlot"/> is the second) a turn gives for each grain it is about to
    /// look up, so that a batch's loads from memory overlap. See <see cref="CacheHint"/>.
    /// </summary>
    public void PrefetchIndex(in TKey key) => _buckets.Prefetch(Bucket(key));

    /// <summary>
    /// Starts loading the slot the search for <paramref name="key"/> meets first (its own, unless the
    /// key collided or is not active), once <see cref="PrefetchIndex"/> has brought its index entry in.
    /// </summary>
    public void PrefetchSlot(in TKey key)
    {
        int entry = _buckets[Bucket(key)];
        if (entry != 0)
        {
            CacheHint.Prefetch(in SlotAt(entry - 1));
        }
    }

    /// <summary>
    /// The grain's slot, activating it when it is not in memory: from its stored record when one
    /// exists, else with <see cref="CompactGrainType{TKey, TState, TPacked}.EmptyState"/>.
    /// </summary>
    public ValueTask<int> GetOrActivateAsync(in TKey key)
    {
        if (TryGetActive(key, out int slot))
        {
            return new ValueTask<int>(slot);
        }

        if (_storage is null || !_storage.MayExist(_type.StateName, _type.StableHashOf(key)))
        {
            return new ValueTask<int>(Insert(key, _type.EmptyState, stored: false, version: 0));
        }

        return ActivateFromStorageAsync(key, createWhenMissing: true);
    }

    /// <summary>
    /// The grain's slot when it exists in memory or in storage (activating it from storage);
    /// −1 when the grain was never stored nor active: nothing is created.
    /// </summary>
    public ValueTask<int> FindAsync(in TKey key)
    {
        if (TryGetActive(key, out int slot))
        {
            return new ValueTask<int>(slot);
        }

        if (_storage is null || !_storage.MayExist(_type.StateName, _type.StableHashOf(key)))
        {
            return new ValueTask<int>(-1);
        }

        return ActivateFromStorageAsync(key, createWhenMissing: false);
    }

    /// <summary>Notes that the slot's state changed: the next checkpoint writes it (checkpointed storage only).</summary>
    public void MarkChanged(int slot)
    {
        if (_storage is null)
        {
            return;
        }

        ref Slot s = ref SlotAt(slot);
        if ((s.Flags & SlotFlags.Dirty) == 0)
        {
            s.Flags |= SlotFlags.Dirty;
            _dirty.Add(slot);
        }
    }

    /// <inheritdoc />
    public CompactCapture Capture(long logPosition)
    {
        var dirty = _dirty;
        _dirty = new List<int>();
        var entries = new CompactCapture<TKey, TState, TPacked>.Entry[dirty.Count];
        int n = 0;
        foreach (int slot in dirty)
        {
            ref Slot s = ref SlotAt(slot);
            if ((s.Flags & (SlotFlags.Occupied | SlotFlags.Dirty)) != (SlotFlags.Occupied | SlotFlags.Dirty))
            {
                continue;
            }

            s.Flags = (s.Flags & ~SlotFlags.Dirty) | SlotFlags.CheckpointPending;
            Read(slot, out var state);
            entries[n++] = new CompactCapture<TKey, TState, TPacked>.Entry(slot, s.Key, state, (s.Flags & SlotFlags.Stored) != 0 ? s.Version : 0);
        }

        Array.Resize(ref entries, n);
        return new CompactCapture<TKey, TState, TPacked>(this, entries, logPosition);
    }

    /// <summary>Idle collection: frees slots unused for <paramref name="age"/> whose state is in storage, scanning at most <paramref name="budget"/> slots from where the previous sweep stopped.</summary>
    /// <returns>Whether the sweep reached the end of the table.</returns>
    public bool CollectIdle(TimeSpan age, int budget)
    {
        if (_storage is null)
        {
            _collectCursor = 0;
            return true;
        }

        uint now = Now();
        uint maxAge = (uint)Math.Min(uint.MaxValue, Math.Max(1, (long)age.TotalSeconds));
        int end = Math.Min(_slotCount, _collectCursor + budget);
        for (int slot = _collectCursor; slot < end; slot++)
        {
            ref Slot s = ref SlotAt(slot);
            if ((s.Flags & (SlotFlags.Occupied | SlotFlags.Dirty | SlotFlags.CheckpointPending)) == SlotFlags.Occupied && now - s.LastUsed >= maxAge)
            {
                Remove(slot);
            }
        }

        _collectCursor = end >= _slotCount ? 0 : end;
        return _collectCursor == 0;
    }

    /// <inheritdoc />
    bool ICompactGrainTable.CollectIdle(TimeSpan age, int budget) => CollectIdle(age, budget);

    internal void CompleteCapture(CompactCapture<TKey, TState, TPacked>.Entry[] entries, ReadOnlySpan<string> etags)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            ref Slot s = ref SlotAt(entries[i].Slot);
            if (!TryParseVersion(etags[i], out long version))
            {
                throw new InvalidOperationException($"Compact grains need decimal ETags of at most {MaxVersion}; storage returned '{etags[i]}'.");
            }

            s.Version = version;
            s.Flags = (s.Flags & ~SlotFlags.CheckpointPending) | SlotFlags.Stored;
            _storage?.NoteStored(_type.StateName, _type.StableHashOf(entries[i].Key));
        }
    }

    internal void AbortCapture(CompactCapture<TKey, TState, TPacked>.Entry[] entries)
    {
        foreach (var entry in entries)
        {
            ref Slot s = ref SlotAt(entry.Slot);
            s.Flags &= ~SlotFlags.CheckpointPending;
            MarkChanged(entry.Slot);
        }
    }

    private async ValueTask<int> ActivateFromStorageAsync(TKey key, bool createWhenMissing)
    {
        var record = await _storage!.ReadRecordAsync(_type.StateName, _type.GrainIdOf(key)).ConfigureAwait(false);
        if (record is null)
        {
            return createWhenMissing ? Insert(key, _type.EmptyState, stored: false, version: 0) : -1;
        }

        if (!TryParseVersion(record.ETag, out long version))
        {
            throw new InvalidOperationException($"Compact grains need decimal ETags of at most {MaxVersion}; storage has '{record.ETag}' for {_type.GrainIdOf(key)}.");
        }

        return Insert(key, _type.Deserialize(key, record.Data), stored: true, version);
    }

    /// <summary>The version an ETag names, when it is a decimal a slot can hold (at most <see cref="MaxVersion"/>).</summary>
    private static bool TryParseVersion(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version <= MaxVersion;

    private int Insert(in TKey key, in TState state, bool stored, long version)
    {
        if ((_count + 1) * 10L > _buckets.Length * 7L)
        {
            Grow();
        }

        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        ref Slot s = ref SlotAt(slot);
        s.Key = key;
        s.Version = version;
        s.LastUsed = Now();
        s.Flags = SlotFlags.Occupied | (stored ? SlotFlags.Stored : 0);
        Write(slot, state);
        int mask = (int)_buckets.Length - 1;
        int bucket = Bucket(key);
        while (_buckets[bucket] != 0)
        {
            bucket = (bucket + 1) & mask;
        }

        _buckets[bucket] = slot + 1;
        _count++;
        return slot;
    }

    private void Remove(int slot)
    {
        ref Slot s = ref SlotAt(slot);
        Find(s.Key, out int bucket);
        int mask = (int)_buckets.Length - 1;
        // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
        int hole = bucket;
        int next = (hole + 1) & mask;
        while (_buckets[next] != 0)
        {
            int home = Bucket(SlotAt(_buckets[next] - 1).Key);
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _buckets[hole] = _buckets[next];
                hole = next;
            }

            next = (next + 1) & mask;
        }

        _buckets[hole] = 0;
        ForgetWhole(slot, ref s);
        s = default;
        _count--;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
    }

    /// <summary>Drops the slot's whole state, if it had one (the slot now packs, or is freed).</summary>
    private void ForgetWhole(int slot, ref Slot s)
    {
        if ((s.Flags & SlotFlags.Whole) != 0)
        {
            _whole.Remove(slot);
            s.Flags &= ~SlotFlags.Whole;
        }
    }

    private int Find(in TKey key, out int bucket)
    {
        int mask = (int)_buckets.Length - 1;
        bucket = Bucket(key);
        while (true)
        {
            int entry = _buckets[bucket];
            if (entry == 0)
            {
                return -1;
            }

            if (SlotAt(entry - 1).Key.Equals(key))
            {
                return entry - 1;
            }

            bucket = (bucket + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _buckets;
        var buckets = new NativeBuffer<int>(Math.Max(MinimumBuckets, old.Length * 2));
        _buckets = buckets;
        _shift = 64 - System.Numerics.BitOperations.Log2((ulong)buckets.Length);
        int mask = (int)buckets.Length - 1;
        for (long i = 0; i < old.Length; i++)
        {
            int entry = old[i];
            if (entry == 0)
            {
                continue;
            }

            int bucket = Bucket(SlotAt(entry - 1).Key);
            while (buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            buckets[bucket] = entry;
        }

        old.Dispose();
    }

    /// <summary>Frees the native memory of the slots and the index (when the partition stops).</summary>
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            chunk?.Dispose();
        }

        _chunks = [];
        _whole.Clear();
        _buckets.Dispose();
        _count = 0;
        _slotCount = 0;
    }

    private int NewSlot()
    {
        int slot = _slotCount;
        int chunk = slot >> ChunkBits;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        }

        _chunks[chunk] ??= new NativeBuffer<Slot>(ChunkSize);
        _slotCount++;
        return slot;
    }

    /// <summary>Fibonacci hashing: spreads weak hash codes over the whole table, taking the product's top bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bucket(in TKey key) => (int)(((ulong)(uint)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot SlotAt(int slot) => ref _chunks[slot >> ChunkBits]![slot & (ChunkSize - 1)];

    private uint Now() => _partition.TurnSeconds;

    [Flags]
    private enum SlotFlags : byte
    {
        Occupied = 1,
        Dirty = 2,
        CheckpointPending = 4,
        Stored = 8,
        Whole = 16, // the state did not pack: it is in _whole
    }

    /// <summary>
    /// A slot: key, packed state, the stored version with the flags in its top bits, and the turn second of
    /// the last use; packed to 4 bytes, so the server's relationship slot is 108 bytes.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public const int VersionBits = 58;
        private const ulong VersionMask = (1UL << VersionBits) - 1;

        public TKey Key;
        public TPacked State;
        private ulong _versionAndFlags;
        public uint LastUsed;

        /// <summary>The stored record's version (0 when none).</summary>
        public long Version
        {
            readonly get => (long)(_versionAndFlags & VersionMask);
            set => _versionAndFlags = (_versionAndFlags & ~VersionMask) | ((ulong)value & VersionMask);
        }

        public SlotFlags Flags
        {
            readonly get => (SlotFlags)(_versionAndFlags >> VersionBits);
            set => _versionAndFlags = (_versionAndFlags & VersionMask) | ((ulong)value << VersionBits);
        }
    }
}
