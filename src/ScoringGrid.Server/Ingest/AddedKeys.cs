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
/// <remarks>Read on any thread once taken; changed only by its partition's worker.</remarks>
public sealed class AddedKeys : IReadOnlyList<IdempotencyKey>
{
    /// <summary>Keys per chunk (40 bytes each: a chunk is 320 KiB).</summary>
    public const int ChunkSize = 1 << ChunkBits;

    private const int ChunkBits = 13;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<IdempotencyKey[]> _chunks = new();
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
            return _chunks[index >> ChunkBits][index & ChunkMask];
        }
    }

    /// <summary>Appends a key, taking a new chunk from <paramref name="spare"/> (or allocating one) when the last is full.</summary>
    internal void Add(in IdempotencyKey key, Stack<IdempotencyKey[]> spare)
    {
        int offset = _count & ChunkMask;
        if (offset == 0 && _count >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(spare.TryPop(out var chunk) ? chunk : new IdempotencyKey[ChunkSize]);
        }

        _chunks[_count >> ChunkBits][offset] = key;
        _count++;
    }

    /// <summary>Removes the last key when its hash is <paramref name="hash"/>; false otherwise.</summary>
    internal bool RemoveLast(UInt128 hash)
    {
        if (_count == 0 || this[_count - 1].Hash != hash)
        {
            return false;
        }

        _count--;
        return true;
    }

    /// <summary>Appends every key of <paramref name="other"/>, in order.</summary>
    internal void AddRange(AddedKeys other, Stack<IdempotencyKey[]> spare)
    {
        for (var i = 0; i < other._count; i++)
        {
            Add(other._chunks[i >> ChunkBits][i & ChunkMask], spare);
        }
    }

    /// <summary>Empties the list, handing its chunks to <paramref name="spare"/>.</summary>
    internal void MoveChunksTo(Stack<IdempotencyKey[]> spare)
    {
        foreach (var chunk in _chunks)
        {
            spare.Push(chunk);
        }

        _chunks.Clear();
        _count = 0;
    }

    /// <inheritdoc />
    public IEnumerator<IdempotencyKey> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _chunks[i >> ChunkBits][i & ChunkMask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
