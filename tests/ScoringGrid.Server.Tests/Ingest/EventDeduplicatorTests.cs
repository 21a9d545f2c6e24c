using System.Runtime.CompilerServices;
using ScoringGrid.Server.Ingest;

namespace ScoringGrid.Server.Tests.Ingest;

/// <summary>The deduplication window against a plain model of it: a queue of (hash, seen at) and a set.</summary>
public sealed class EventDeduplicatorTests
{
    private sealed class Model(int capacity, long windowMs)
    {
        private readonly Queue<(UInt128 Hash, long SeenAt)> _order = new();
        private readonly HashSet<UInt128> _present = new();

        public bool TryAdd(UInt128 hash, long nowMs)
        {
            while (_order.Count > 0 && nowMs - _order.Peek().SeenAt >= windowMs)
            {
                _present.Remove(_order.Dequeue().Hash);
            }

            if (_present.Contains(hash))
            {
                return false;
            }

            if (_order.Count == capacity)
            {
                _present.Remove(_order.Dequeue().Hash);
            }

            _order.Enqueue((hash, nowMs));
            _present.Add(hash);
            return true;
        }

        public int Count => _order.Count;
    }

    /// <summary>
    /// Hashes from a small pool, so retries are frequent; a share of them differ only in the upper 64
    /// bits, which the index's bucket and fingerprint do not see.
    /// </summary>
    private static UInt128 Draw(Random random, int pool)
    {
        int n = random.Next(pool);
        ulong low = (ulong)(n / 2) * 0x0123_4567_89AB_CDEFUL + 17;
        ulong high = (ulong)(n % 2) + 1;
        return new UInt128(high, low);
    }

    [Theory]
    [InlineData(50, 1_000_000, 200)]        // capacity evicts, the pool is larger than the window
    [InlineData(5_000, 1_000_000, 20_000)]  // grows past the initial table several times
    [InlineData(100_000, 300, 50_000)]      // the time window expires entries first
    [InlineData(16, 1_000_000, 60)]         // evicts with no more ids than the eviction lookahead
    [InlineData(17, 1_000_000, 60)]         // one more: the lookahead's entry is the newest
    public void Answers_as_the_model_does(int capacity, long windowMs, int pool)
    {
        var random = new Random(capacity);
        using var deduplicator = new EventDeduplicator(capacity, TimeSpan.FromMilliseconds(windowMs));
        var model = new Model(capacity, windowMs);
        long now = 1_000;
        var batch = new UInt128[8];
        for (int i = 0; i < 200_000; i += batch.Length)
        {
            // As a turn does: the batch's ids hinted first (some never added, some twice), then added.
            now += random.Next(3);
            for (int j = 0; j < batch.Length; j++)
            {
                batch[j] = Draw(random, pool);
                deduplicator.Prefetch(batch[j]);
            }

            deduplicator.Prefetch(Draw(random, pool));
            foreach (var hash in batch)
            {
                Assert.Equal(model.TryAdd(hash, now), deduplicator.TryAdd(hash, now));
            }
        }

        Assert.Equal(model.Count, deduplicator.Count);
    }

    [Fact]
    public void An_id_removed_right_after_it_was_added_is_new_again()
    {
        using var deduplicator = new EventDeduplicator(100, TimeSpan.FromHours(1));
        var first = new UInt128(1, 42);
        var second = new UInt128(2, 42); // same lower half: same bucket, same fingerprint
        Assert.True(deduplicator.TryAdd(first, 10));
        Assert.True(deduplicator.TryAdd(second, 10));
        deduplicator.RemoveLast(second);
        Assert.False(deduplicator.TryAdd(first, 11));
        Assert.True(deduplicator.TryAdd(second, 11));
        Assert.Equal(2, deduplicator.Count);
        Assert.Throws<InvalidOperationException>(() => deduplicator.RemoveLast(first));
    }

    [Fact]
    public void Restored_ids_are_duplicates_until_the_window_passes_them()
    {
        using var deduplicator = new EventDeduplicator(100, TimeSpan.FromMilliseconds(1_000));
        deduplicator.Restore(new UInt128(0, 1), seenAtMs: 500, nowMs: 1_000);
        deduplicator.Restore(new UInt128(0, 2), seenAtMs: 0, nowMs: 1_000); // already outside the window
        Assert.False(deduplicator.TryAdd(new UInt128(0, 1), 1_200));
        Assert.True(deduplicator.TryAdd(new UInt128(0, 2), 1_200));
        Assert.True(deduplicator.TryAdd(new UInt128(0, 1), 1_500)); // seen at 500: expired at 1,500
    }

    [Fact]
    public void A_remembered_id_takes_24_bytes_and_keeps_its_whole_hash()
    {
        // A UInt128 field would align the ring's entries to 16 bytes and make each 32.
        Assert.Equal(24, Unsafe.SizeOf<EventDeduplicator.Entry>());
        var hash = new UInt128(0xFEDC_BA98_7654_3210UL, 0x0123_4567_89AB_CDEFUL);
        var entry = new EventDeduplicator.Entry(hash, 42);
        Assert.Equal(hash, entry.Hash);
        Assert.Equal(42, entry.SeenAtMs);
    }
}
