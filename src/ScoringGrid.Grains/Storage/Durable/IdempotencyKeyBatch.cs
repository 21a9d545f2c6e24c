using System.Buffers.Binary;

namespace ScoringGrid.Grains;

/// <summary>
/// How durable providers store idempotency keys: not a row per event, but the keys a checkpoint
/// adds packed into a few blobs (at most <see cref="MaxKeysPerBatch"/> keys, 40 bytes each), one row
/// per blob with the newest sighting it holds. A checkpoint of millions of events then writes a
/// handful of rows; forgetting is a delete of the batches whose newest key is past the window, and
/// reads drop the older keys of the batches kept (<see cref="KeyWindow"/>).
/// </summary>
public static class IdempotencyKeyBatch
{
    /// <summary>Most keys in one stored batch.</summary>
    public const int MaxKeysPerBatch = 65_536;

    /// <summary>Bytes per key: hash (16), owner hash (8), seen at (8), log position (8), little-endian.</summary>
    public const int KeySize = 40;

    /// <summary>Bytes of a full batch: the room <see cref="EncodeInto"/> needs.</summary>
    public const int BatchBytes = MaxKeysPerBatch * KeySize;

    /// <summary>The batches of <paramref name="keys"/>: (newest sighting, count, data) each, in new arrays.</summary>
    /// <remarks>The keys are read once, in order (enumerated, not indexed).</remarks>
    public static IEnumerable<(long NewestSeenMs, int Count, byte[] Data)> Encode(IReadOnlyList<IdempotencyKey> keys)
    {
        var buffer = new byte[BatchBytes];
        foreach (var (newest, count) in EncodeInto(keys, buffer))
        {
            yield return (newest, count, buffer.AsSpan(0, count * KeySize).ToArray());
        }
    }

    /// <summary>
    /// The batches of <paramref name="keys"/> written one at a time into <paramref name="buffer"/>
    /// (at least <see cref="BatchBytes"/> long, reused for each: a batch's bytes, the first
    /// <c>Count × KeySize</c>, hold until the next is asked for), as (newest sighting, count) each.
    /// A checkpoint of millions of keys then allocates nothing per batch.
    /// </summary>
    /// <remarks>The keys are read once, in order (enumerated, not indexed).</remarks>
    public static IEnumerable<(long NewestSeenMs, int Count)> EncodeInto(IReadOnlyList<IdempotencyKey> keys, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, BatchBytes, nameof(buffer));
        using var next = keys.GetEnumerator();
        for (var start = 0; start < keys.Count; start += MaxKeysPerBatch)
        {
            var count = Math.Min(MaxKeysPerBatch, keys.Count - start);
            var newest = long.MinValue;
            for (var i = 0; i < count; i++)
            {
                if (!next.MoveNext())
                {
                    throw new InvalidOperationException($"The key list enumerated fewer keys than its Count ({keys.Count}).");
                }

                var key = next.Current;
                var span = buffer.AsSpan(i * KeySize, KeySize);
                BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)(key.Hash >> 64));
                BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)key.Hash);
                BinaryPrimitives.WriteUInt64LittleEndian(span[16..], key.OwnerHash);
                BinaryPrimitives.WriteInt64LittleEndian(span[24..], key.SeenAtMs);
                BinaryPrimitives.WriteInt64LittleEndian(span[32..], key.LogPosition);
                newest = Math.Max(newest, key.SeenAtMs);
            }

            yield return (newest, count);
        }
    }

    /// <summary>The keys of one stored batch, in the order they were added.</summary>
    public static IEnumerable<IdempotencyKey> Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length % KeySize != 0)
        {
            throw new InvalidDataException($"An idempotency key batch of {data.Length} bytes is not a whole number of {KeySize}-byte keys.");
        }

        return DecodeWhole(data);
    }

    /// <summary>One key from its <see cref="KeySize"/> bytes.</summary>
    internal static IdempotencyKey Read(ReadOnlySpan<byte> span) => new(
        new UInt128(BinaryPrimitives.ReadUInt64LittleEndian(span), BinaryPrimitives.ReadUInt64LittleEndian(span[8..])),
        BinaryPrimitives.ReadUInt64LittleEndian(span[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(span[24..]),
        BinaryPrimitives.ReadInt64LittleEndian(span[32..]));

    private static IEnumerable<IdempotencyKey> DecodeWhole(byte[] data)
    {
        for (var offset = 0; offset < data.Length; offset += KeySize)
        {
            yield return Read(data.AsSpan(offset, KeySize));
        }
    }
}

/// <summary>
/// Reads stored key batches back as the window the contract promises: keys seen at or after both
/// the caller's time and the last forget cutoff, each hash once with its first sighting (batches
/// are read in the order they were written).
/// </summary>
public sealed class KeyWindow(long seenSinceMs, long forgottenBeforeMs, int expectedKeys = 0)
{
    private readonly EventHashSet _seen = new(Math.Clamp(expectedKeys, 0, MaxPresized));

    /// <summary>Most keys a window makes room for up front (it grows past them as needed).</summary>
    public const int MaxPresized = 1 << 26;

    /// <summary>The earliest sighting kept.</summary>
    public long FromMs { get; } = Math.Max(seenSinceMs, forgottenBeforeMs);

    /// <summary>The keys of a batch that belong to the window and were not seen in an earlier batch.</summary>
    public IEnumerable<IdempotencyKey> Filter(byte[] batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Length % IdempotencyKeyBatch.KeySize != 0)
        {
            throw new InvalidDataException($"An idempotency key batch of {batch.Length} bytes is not a whole number of {IdempotencyKeyBatch.KeySize}-byte keys.");
        }

        for (var offset = 0; offset < batch.Length; offset += IdempotencyKeyBatch.KeySize)
        {
            var key = IdempotencyKeyBatch.Read(batch.AsSpan(offset, IdempotencyKeyBatch.KeySize));

            // First sighting wins: a later re-add never replaces it, even if the first falls out of the window.
            if (_seen.Add(key.Hash) && key.SeenAtMs >= FromMs)
            {
                yield return key;
            }
        }
    }
}
