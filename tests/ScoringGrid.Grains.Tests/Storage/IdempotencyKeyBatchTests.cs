using System.Buffers.Binary;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>
/// The stored form of idempotency key batches: keys in runs that share when they were seen and
/// their log position, read back exactly; batches of the earlier 40-byte form still read; damaged
/// bytes refused as <see cref="InvalidDataException"/>.
/// </summary>
public sealed class IdempotencyKeyBatchTests
{
    private static IdempotencyKey[] Keys(Random random, int count, int meanRun)
    {
        var keys = new IdempotencyKey[count];
        long seenAt = 1_700_000_000_000, position = 1;
        for (int i = 0; i < count; i++)
        {
            if (i == 0 || random.Next(meanRun) == 0)
            {
                seenAt += random.Next(3);
                position += random.Next(1, 3);
            }

            keys[i] = new IdempotencyKey(new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()), (ulong)random.NextInt64(), seenAt, position);
        }

        return keys;
    }

    /// <summary>A batch in the form earlier versions wrote: 40 bytes a key.</summary>
    private static byte[] EarlierForm(IReadOnlyList<IdempotencyKey> keys)
    {
        var data = new byte[keys.Count * IdempotencyKeyBatch.KeySize];
        for (int i = 0; i < keys.Count; i++)
        {
            var span = data.AsSpan(i * IdempotencyKeyBatch.KeySize);
            BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)(keys[i].Hash >> 64));
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)keys[i].Hash);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], keys[i].OwnerHash);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], keys[i].SeenAtMs);
            BinaryPrimitives.WriteInt64LittleEndian(span[32..], keys[i].LogPosition);
        }

        return data;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(1000, 500)]
    [InlineData(70_000, 900)]
    [InlineData(140_000, 3)]
    public void Keys_read_back_exactly_in_order_across_runs_and_batches(int count, int meanRun)
    {
        var keys = Keys(new Random(count), count, meanRun);
        var batches = IdempotencyKeyBatch.Encode(keys).ToList();

        Assert.Equal((count + IdempotencyKeyBatch.MaxKeysPerBatch - 1) / IdempotencyKeyBatch.MaxKeysPerBatch, batches.Count);
        Assert.Equal(keys, batches.SelectMany(b => IdempotencyKeyBatch.Decode(b.Data)).ToArray());
        int start = 0;
        foreach (var (newest, n, data) in batches)
        {
            var own = keys.Skip(start).Take(n).ToArray();
            Assert.Equal(own.Max(k => k.SeenAtMs), newest);
            int runs = 1 + own.Zip(own.Skip(1)).Count(p => p.First.SeenAtMs != p.Second.SeenAtMs || p.First.LogPosition != p.Second.LogPosition);
            Assert.Equal(4 + (runs * IdempotencyKeyBatch.RunHeaderSize) + (n * IdempotencyKeyBatch.RunKeySize), data.Length);
            start += n;
        }
    }

    [Fact]
    public void Runs_of_an_ingest_batch_take_about_24_bytes_a_key()
    {
        var keys = Keys(new Random(5), 10_000, 500);
        var data = IdempotencyKeyBatch.Encode(keys).Single().Data;
        Assert.True(data.Length < 10_000 * 25, $"{data.Length} bytes for 10,000 keys");
    }

    [Fact]
    public void A_batch_in_the_earlier_40_byte_form_still_reads_and_both_forms_mix_in_a_window()
    {
        var random = new Random(9);
        var earlier = Keys(random, 300, 50);
        Assert.Equal(earlier, IdempotencyKeyBatch.Decode(EarlierForm(earlier)).ToArray());

        // A window over an earlier batch then a new one: first sightings win across both.
        var later = Keys(random, 200, 50).Concat(earlier.Take(10)).ToArray();
        var window = new KeyWindow(0, 0);
        var kept = window.Filter(EarlierForm(earlier)).Concat(window.Filter(IdempotencyKeyBatch.Encode(later).Single().Data)).ToArray();
        Assert.Equal(earlier.Concat(later.Take(200)).ToArray(), kept);

        var since = earlier[150].SeenAtMs;
        var recent = new KeyWindow(since, 0).Filter(EarlierForm(earlier)).ToArray();
        Assert.Equal(earlier.Where(k => k.SeenAtMs >= since).ToArray(), recent);
    }

    [Fact]
    public void Damaged_batches_are_refused_as_invalid_data()
    {
        var data = IdempotencyKeyBatch.Encode(Keys(new Random(2), 100, 10)).Single().Data;
        Assert.Throws<InvalidDataException>(() => IdempotencyKeyBatch.Decode(data[..^8]).ToList()); // a run cut short
        Assert.Throws<InvalidDataException>(() => IdempotencyKeyBatch.Decode(data[..^1]).ToList()); // neither form's length
        Assert.Throws<InvalidDataException>(() => IdempotencyKeyBatch.Decode(EarlierForm(Keys(new Random(3), 3, 1))[..^8]).ToList()); // 40-byte form, cut

        var otherFormat = (byte[])data.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(otherFormat, 3);
        Assert.Contains("format 3", Assert.Throws<InvalidDataException>(() => IdempotencyKeyBatch.Decode(otherFormat).ToList()).Message, StringComparison.Ordinal);

        foreach (long run in new[] { 0L, -1L, 1_000_000L, long.MaxValue })
        {
            var badRun = (byte[])data.Clone();
            BinaryPrimitives.WriteInt64LittleEndian(badRun.AsSpan(4 + 16), run);
            Assert.Throws<InvalidDataException>(() => IdempotencyKeyBatch.Decode(badRun).ToList());
            Assert.Throws<InvalidDataException>(() => new KeyWindow(0, 0).Filter(badRun).ToList());
        }

        var random = new Random(4);
        for (int i = 0; i < 2000; i++)
        {
            var damaged = (byte[])data.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            try
            {
                _ = IdempotencyKeyBatch.Decode(damaged).Count();
            }
            catch (InvalidDataException)
            {
                // Found: the only way a damaged batch may fail.
            }
        }
    }
}
