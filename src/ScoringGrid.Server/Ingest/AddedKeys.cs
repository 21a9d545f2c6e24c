using System.Collections;
using ScoringGrid.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// The event ids one partition's dedupe window accepted since the last checkpoint, in the order
/// accepted: what the next checkpoint stores. Kept in chunks of <see cref="ChunkSize"/> keys that
/// are filled one after another and never copied to grow. The partition's
/// <see cref="EventDeduplicator"/> fills a list, a checkpoint takes it, and once the checkpoint is
/// written its chunks go back to the deduplicator, which fills the lists after it from them: with
/// durable storage, steady ingest reuses the same memory checkpoint after checkpoint rather than
/// growing (and copying, and paging in) a new array of millions of keys each time.
/// </summary>
/// <remarks>
/// <para>
/// A key is held as its hash and its owner's hash (24 bytes). When it was seen and the log position
/// of its batch are the same for every key a batch adds here, so they are held once per run of keys
/// that share them: an <see cref="IdempotencyKey"/> takes 48 bytes in an array, a listed one 24.
/// </para>
/// <para>Read on any thread once taken; changed only by its partition's worker. Read in order
/// (enumeration) at constant cost per key; reading by index searches the runs.</para>
/// </remarks>
public sealed class AddedKeys : IReadOnlyList<IdempotencyKey>
{
    /// <summary>Keys per chunk (24 bytes each: a chunk is 192 KiB).</summary>
    public const int ChunkSize = 1 << ChunkBits;

    private const int ChunkBits = 13;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<Entry[]> _chunks = new();
    private readonly List<Run> _runs = new(); // in key order: the first key of each run and what its keys share
    private int _count;

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>Chunks the list holds.</summary>
    public int ChunkCount => _chunks.Count;

    /// <inheritdoc />
    public IdempotencyKey this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return Key(index, _runs[RunOf(index)]);
        }
    }

    /// <summary>Appends a key, taking a new chunk from <paramref name="spare"/> (or allocating one) when the last is full.</summary>
    internal void Add(in IdempotencyKey key, Stack<Entry[]> spare)
    {
        int offset = _count & ChunkMask;
        if (offset == 0 && _count >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(spare.TryPop(out var chunk) ? chunk : new Entry[ChunkSize]);
        }

        if (_runs.Count == 0 || _runs[^1].SeenAtMs != key.SeenAtMs || _runs[^1].LogPosition != key.LogPosition)
        {
            _runs.Add(new Run(_count, key.SeenAtMs, key.LogPosition));
        }

        _chunks[_count >> ChunkBits][offset] = new Entry(new EventHash(key.Hash), key.OwnerHash);
        _count++;
    }

    /// <summary>Removes the last key when its hash is <paramref name="hash"/>; false otherwise.</summary>
    internal bool RemoveLast(UInt128 hash)
    {
        if (_count == 0 || EntryAt(_count - 1).Hash != hash)
        {
            return false;
        }

        _count--;
        if (_runs[^1].Start == _count)
        {
            _runs.RemoveAt(_runs.Count - 1);
        }

        return true;
    }

    /// <summary>Appends every key of <paramref name="other"/>, in order.</summary>
    internal void AddRange(AddedKeys other, Stack<Entry[]> spare)
    {
        foreach (var key in other)
        {
            Add(key, spare);
        }
    }

    /// <summary>Empties the list, handing its chunks to <paramref name="spare"/>.</summary>
    internal void MoveChunksTo(Stack<Entry[]> spare)
    {
        foreach (var chunk in _chunks)
        {
            spare.Push(chunk);
        }

        _chunks.Clear();
        _runs.Clear();
        _count = 0;
    }

    /// <inheritdoc />
    public IEnumerator<IdempotencyKey> GetEnumerator()
    {
        int run = 0;
        for (var i = 0; i < _count; i++)
        {
            while (run + 1 < _runs.Count && _runs[run + 1].Start <= i)
            {
                run++;
            }

            yield return Key(i, _runs[run]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ref readonly Entry EntryAt(int index) => ref _chunks[index >> ChunkBits][index & ChunkMask];

    private IdempotencyKey Key(int index, in Run run)
    {
        ref readonly var entry = ref EntryAt(index);
        return new IdempotencyKey(entry.Hash, entry.OwnerHash, run.SeenAtMs, run.LogPosition);
    }

    /// <summary>The run holding key <paramref name="index"/>: the last run starting at or before it.</summary>
    private int RunOf(int index)
    {
        int lo = 0, hi = _runs.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_runs[mid].Start <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>A listed key: what is not shared with the others of its run (24 bytes: see <see cref="EventHash"/>).</summary>
    internal readonly record struct Entry(EventHash EventHash, ulong OwnerHash)
    {
        public UInt128 Hash => EventHash.Value;
    }

    /// <summary>Keys from <paramref name="Start"/> up to the next run's start, all seen at one time in one batch.</summary>
    private readonly record struct Run(int Start, long SeenAtMs, long LogPosition);
}
