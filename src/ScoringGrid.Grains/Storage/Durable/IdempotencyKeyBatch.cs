using System.Buffers.Binary;

namespace ScoringGrid.Grains;

/// <summary>
/// How durable providers store idempotency keys: not a row per event, but the keys a checkpoint
/// adds packed into a few blobs (at most <see cref="MaxKeysPerBatch"/> keys each), one row per blob
/// with the newest sighting it holds. A checkpoint of millions of events then writes a handful of
/// rows; forgetting is a delete of the batches whose newest key is past the window, and reads drop
/// the older keys of the batches kept (<see cref="KeyWindow"/>).
/// </summary>
/// <remarks>
/// <para>
/// A batch is written in runs: a 4-byte format number (<see cref="RunsFormat"/>), then for each run
/// of keys that share when they were seen and their log position (every key one ingest batch adds
/// to a partition does) those two and the run's length (8 bytes each), then each key's hash (16)
/// and owner hash (8), little-endian: 24 bytes a key where each key once took 40.
/// </para>
/// <para>
/// Batches written before, 40 bytes a key (hash, owner hash, seen at, log position), are still
/// read. The two forms are told apart by length: the runs form is 4 more than a multiple of 8, the
/// keys form a multiple of 40.
/// </para>
/// </remarks>
public static class IdempotencyKeyBatch
{
    /// <summary>Most keys in one stored batch.</summary>
    public const int MaxKeysPerBatch = 65_536;

    /// <summary>Bytes per key in the form of earlier versions: hash (16), owner hash (8), seen at (8), log position (8).</summary>
    public const int KeySize = 40;

    /// <summary>The format number a batch in runs begins with.</summary>
    public const int RunsFormat = 2;

    /// <summary>Bytes per key in the runs form: hash (16) and owner hash (8).</summary>
    public const int RunKeySize = 24;

    /// <summary>Bytes of a run's header: seen at, log position, number of keys (8 each).</summary>
    public const int RunHeaderSize = 24;

    /// <summary>The largest batch (every key a run of its own): the room <see cref="EncodeInto"/> needs.</summary>
    public const int BatchBytes = 4 + (MaxKeysPerBatch * (RunHeaderSize + RunKeySize));

    /// <summary>The batches of <paramref name="keys"/>: (newest sighting, count, data) each, in new arrays.</summary>
    /// <remarks>The keys are read once, in order (enumerated, not indexed).</remarks>
    public static IEnumerable<(long NewestSeenMs, int Count, byte[] Data)> Encode(IReadOnlyList<IdempotencyKey> keys)
    {
        var buffer = new byte[BatchBytes];
        foreach (var (newest, count, length) in EncodeInto(keys, buffer))
        {
            yield return (newest, count, buffer.AsSpan(0, length).ToArray());
        }
    }

    /// <summary>
    /// The batches of <paramref name="keys"/> written one at a time into <paramref name="buffer"/>
    /// (at least <see cref="BatchBytes"/> long, reused for each: a batch's bytes, the first
    /// <c>Length</c>, hold until the next is asked for), as (newest sighting, count, length) each.
    /// A checkpoint of millions of keys then allocates nothing per batch.
    /// </summary>
    /// <remarks>The keys are read once, in order (enumerated, not indexed).</remarks>
    public static IEnumerable<(long NewestSeenMs, int Count, int Length)> EncodeInto(IReadOnlyList<IdempotencyKey> keys, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, BatchBytes, nameof(buffer));
        using var next = keys.GetEnumerator();
        for (var start = 0; start < keys.Count; start += MaxKeysPerBatch)
        {
            var count = Math.Min(MaxKeysPerBatch, keys.Count - start);
            var newest = long.MinValue;
            BinaryPrimitives.WriteInt32LittleEndian(buffer, RunsFormat);
            var length = 4;
            var run = -1; // where the open run's header is
            long runSeenAt = 0, runPosition = 0, runCount = 0;
            for (var i = 0; i < count; i++)
            {
                if (!next.MoveNext())
                {
                    throw new InvalidOperationException($"The key list enumerated fewer keys than its Count ({keys.Count}).");
                }

                var key = next.Current;
                if (run < 0 || key.SeenAtMs != runSeenAt || key.LogPosition != runPosition)
                {
                    CloseRun(buffer, run, runCount);
                    run = length;
                    (runSeenAt, runPosition, runCount) = (key.SeenAtMs, key.LogPosition, 0);
                    BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(run), runSeenAt);
                    BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(run + 8), runPosition);
                    length += RunHeaderSize;
                }

                var span = buffer.AsSpan(length, RunKeySize);
                BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)(key.Hash >> 64));
                BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)key.Hash);
                BinaryPrimitives.WriteUInt64LittleEndian(span[16..], key.OwnerHash);
                length += RunKeySize;
                runCount++;
                newest = Math.Max(newest, key.SeenAtMs);
            }

            CloseRun(buffer, run, runCount);
            yield return (newest, count, length);
        }
    }

    /// <summary>The keys of one stored batch, in the order they were added.</summary>
    /// <exception cref="InvalidDataException">The bytes are neither form, or are cut short.</exception>
    public static IEnumerable<IdempotencyKey> Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data);
        return DecodeChecked(data);
    }

    /// <summary>Checks the form and length of a stored batch.</summary>
    /// <exception cref="InvalidDataException">The bytes are neither form, or their runs do not add up to their length.</exception>
    private static void Check(ReadOnlySpan<byte> data)
    {
        if (data.Length % 8 == 0)
        {
            if (data.Length % KeySize != 0)
            {
                throw new InvalidDataException($"An idempotency key batch of {data.Length} bytes is not a whole number of {KeySize}-byte keys.");
            }

            return;
        }

        if (data.Length % 8 != 4 || BinaryPrimitives.ReadInt32LittleEndian(data) != RunsFormat)
        {
            throw new InvalidDataException($"An idempotency key batch of {data.Length} bytes is in no known form (format {(data.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data) : -1)}).");
        }

        for (var offset = 4; offset < data.Length;)
        {
            var run = data.Length - offset >= RunHeaderSize ? BinaryPrimitives.ReadInt64LittleEndian(data[(offset + 16)..]) : -1;
            if (run < 1 || run > (data.Length - offset - RunHeaderSize) / RunKeySize)
            {
                throw new InvalidDataException($"An idempotency key batch of {data.Length} bytes has a run of {run} keys at byte {offset}, which its bytes cannot hold.");
            }

            offset += RunHeaderSize + ((int)run * RunKeySize);
        }
    }

    private static UInt128 ReadHash(ReadOnlySpan<byte> span) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(span), BinaryPrimitives.ReadUInt64LittleEndian(span[8..]));

    private static void CloseRun(byte[] buffer, int run, long count)
    {
        if (run >= 0)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(run + 16), count);
        }
    }

    private static IEnumerable<IdempotencyKey> DecodeChecked(byte[] data)
    {
        var cursor = new KeyCursor(data);
        while (cursor.MoveNext(out var key))
        {
            yield return key;
        }
    }

    /// <summary>Reads the keys of a batch that passed <see cref="Check"/>, one at a time, in order (no span held: usable in iterators).</summary>
    private struct KeyCursor
    {
        private readonly byte[] _data;
        private readonly bool _runs;
        private int _offset;
        private int _left; // keys left in the current run
        private long _seenAt;
        private long _position;

        public KeyCursor(byte[] data)
        {
            _data = data;
            _runs = data.Length % 8 == 4;
            _offset = _runs ? 4 : 0;
        }

        public bool MoveNext(out IdempotencyKey key)
        {
            if (_offset >= _data.Length)
            {
                key = default;
                return false;
            }

            if (!_runs)
            {
                var span = _data.AsSpan(_offset, KeySize);
                key = new IdempotencyKey(ReadHash(span), BinaryPrimitives.ReadUInt64LittleEndian(span[16..]), BinaryPrimitives.ReadInt64LittleEndian(span[24..]), BinaryPrimitives.ReadInt64LittleEndian(span[32..]));
                _offset += KeySize;
                return true;
            }

            if (_left == 0)
            {
                var header = _data.AsSpan(_offset, RunHeaderSize);
                _seenAt = BinaryPrimitives.ReadInt64LittleEndian(header);
                _position = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
                _left = (int)BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
                _offset += RunHeaderSize;
            }

            var keySpan = _data.AsSpan(_offset, RunKeySize);
            key = new IdempotencyKey(ReadHash(keySpan), BinaryPrimitives.ReadUInt64LittleEndian(keySpan[16..]), _seenAt, _position);
            _offset += RunKeySize;
            _left--;
            return true;
        }
    }
}

/// <summary>
/// Reads stored key batches back as the window the contract promises: keys seen at or after both
/// the caller's time and the last forget cutoff, each hash once with its first sighting in that
/// window (batches are read in the order they were written). A sighting before the window takes no
/// part: an event accepted again after its first sighting left the dedupe window is in the window
/// by its second, as it was in memory before the restart.
/// </summary>
public sealed class KeyWindow(long seenSinceMs, long forgottenBeforeMs, int expectedKeys = 0)
{
    private readonly EventHashSet _seen = new(Math.Clamp(expectedKeys, 0, MaxPresized));

    /// <summary>Most keys a window makes room for up front (it grows past them as needed).</summary>
    public const int MaxPresized = 1 << 26;

    /// <summary>The earliest sighting kept.</summary>
    public long FromMs { get; } = Math.Max(seenSinceMs, forgottenBeforeMs);

    /// <summary>The keys of a batch that belong to the window and were not seen in it in an earlier batch.</summary>
    public IEnumerable<IdempotencyKey> Filter(byte[] batch)
    {
        foreach (var key in IdempotencyKeyBatch.Decode(batch))
        {
            // The first sighting within the window wins; one before the window does not hide a later one.
            if (key.SeenAtMs >= FromMs && _seen.Add(key.Hash))
            {
                yield return key;
            }
        }
    }
}
