using System.Runtime.CompilerServices;
using ScoringGrid.Grains;
using ScoringGrid.Server.Ingest;
using ScoringGrid.Server.Persistence;

namespace ScoringGrid.Server.Tests.Ingest;

/// <summary>
/// The ids a durable dedupe window lists for the next checkpoint: kept in chunks, taken by a
/// checkpoint, given back when it failed, recycled when it was written.
/// </summary>
public sealed class AddedKeysTests
{
    private const int Chunk = AddedKeys.ChunkSize;

    private static UInt128 HashOf(int n) => new((ulong)n + 1, (ulong)n * 0x9E37_79B9_7F4A_7C15UL);

    private static long SeenAt(int n) => 1_000 + (n / 7);

    private static EventDeduplicator Tracking() => new(capacity: 10 * Chunk, TimeSpan.FromDays(1), trackAdded: true);

    /// <summary>
    /// Adds ids first..first+count−1: id n seen at 1000 + n / 7, owner 7n, in the batch at log
    /// position n / 100, so runs of keys sharing time and position are of several lengths.
    /// </summary>
    private static void AddRun(EventDeduplicator deduplicator, int first, int count)
    {
        for (var n = first; n < first + count; n++)
        {
            Assert.True(deduplicator.TryAdd(HashOf(n), SeenAt(n), ownerHash: 7UL * (ulong)n, logPosition: n / 100));
        }
    }

    private static void AssertRun(IReadOnlyList<IdempotencyKey> keys, int first, int count, int at = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            Assert.Equal(new IdempotencyKey(HashOf(n), 7UL * (ulong)n, SeenAt(n), n / 100), keys[at + i]);
        }
    }

    [Fact]
    public void Keys_spanning_several_chunks_read_back_in_order_by_index_and_by_enumeration()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, (2 * Chunk) + 5);
        var keys = deduplicator.TakeAdded();
        Assert.Equal((2 * Chunk) + 5, keys.Count);
        Assert.Equal(3, keys.ChunkCount);
        AssertRun(keys, 0, keys.Count);
        Assert.Equal(Enumerable.Range(0, keys.Count).Select(i => keys[i]), keys);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys[keys.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys[-1]);
    }

    [Fact]
    public void A_take_holds_only_what_was_added_since_the_last_take()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, 10);
        Assert.Equal(10, deduplicator.TakeAdded().Count);
        AddRun(deduplicator, 10, Chunk);
        var second = deduplicator.TakeAdded();
        Assert.Equal(Chunk, second.Count);
        AssertRun(second, 10, Chunk);
        Assert.Empty(deduplicator.TakeAdded());
    }

    [Fact]
    public void An_id_removed_at_a_chunk_boundary_leaves_the_list_as_if_never_added()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, Chunk);
        var extra = HashOf(-5);
        Assert.True(deduplicator.TryAdd(extra, 5));
        deduplicator.RemoveLast(extra);
        AddRun(deduplicator, Chunk, 3);
        var keys = deduplicator.TakeAdded();
        Assert.Equal(Chunk + 3, keys.Count);
        AssertRun(keys, 0, Chunk + 3);
    }

    [Fact]
    public void An_id_removed_from_a_run_it_shares_leaves_the_run_to_the_keys_before_it()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, 10); // ids 7, 8, 9: one run (seen at 1001, position 0)
        var extra = HashOf(-5);
        Assert.True(deduplicator.TryAdd(extra, SeenAt(9), ownerHash: 3, logPosition: 0));
        deduplicator.RemoveLast(extra);
        AddRun(deduplicator, 10, 5);
        var keys = deduplicator.TakeAdded();
        Assert.Equal(15, keys.Count);
        AssertRun(keys, 0, 15);
        Assert.Equal(Enumerable.Range(0, keys.Count).Select(i => keys[i]), keys);
    }

    [Fact]
    public void Ids_a_failed_checkpoint_gives_back_come_before_those_added_since()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, Chunk + 7);
        var taken = deduplicator.TakeAdded();
        AddRun(deduplicator, Chunk + 7, Chunk);
        deduplicator.ReturnAdded(taken);
        AddRun(deduplicator, (2 * Chunk) + 7, 2);
        var keys = deduplicator.TakeAdded();
        Assert.Equal((2 * Chunk) + 9, keys.Count);
        AssertRun(keys, 0, keys.Count);
    }

    [Fact]
    public void A_written_checkpoints_chunks_are_filled_again_and_spares_shrink_once_ingest_slows()
    {
        using var deduplicator = Tracking();
        AddRun(deduplicator, 0, (3 * Chunk) - 1);
        var big = deduplicator.TakeAdded();
        Assert.Equal(3, big.ChunkCount);
        deduplicator.Recycle(big);
        Assert.Equal(3, deduplicator.SpareChunkCount);
        Assert.Empty(big);

        // The next list takes its chunks from the spares, and reads back only its own keys.
        AddRun(deduplicator, 5 * Chunk, Chunk + 1);
        Assert.Equal(1, deduplicator.SpareChunkCount);
        var next = deduplicator.TakeAdded();
        AssertRun(next, 5 * Chunk, Chunk + 1);

        // Spares are kept up to what the list written held; a short list lets the rest go.
        deduplicator.Recycle(next);
        Assert.Equal(2, deduplicator.SpareChunkCount);
        AddRun(deduplicator, 9 * Chunk, 1);
        var small = deduplicator.TakeAdded();
        deduplicator.Recycle(small);
        Assert.Equal(1, deduplicator.SpareChunkCount);
        deduplicator.Recycle(deduplicator.TakeAdded());
        Assert.Equal(0, deduplicator.SpareChunkCount);
    }

    [Fact]
    public void A_checkpoint_reads_every_partitions_keys_one_list_after_another()
    {
        using var first = Tracking();
        using var empty = Tracking();
        using var last = Tracking();
        AddRun(first, 0, Chunk + 1);
        AddRun(last, Chunk + 1, 4);
        var keys = new CheckpointKeys([first.TakeAdded(), empty.TakeAdded(), last.TakeAdded()]);
        Assert.Equal(Chunk + 5, keys.Count);
        AssertRun(keys, 0, Chunk + 5);
        Assert.Equal(Enumerable.Range(0, keys.Count).Select(i => keys[i]), keys);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys[keys.Count]);
    }

    [Fact]
    public void Without_durable_storage_nothing_is_listed()
    {
        using var deduplicator = new EventDeduplicator(100, TimeSpan.FromDays(1));
        AddRun(deduplicator, 0, 10);
        Assert.Empty(deduplicator.TakeAdded());
    }

    [Fact]
    public void A_listed_key_takes_24_bytes_and_a_stored_one_would_take_48()
    {
        // The time and log position are kept once per run; a UInt128 field would pad an entry to 32.
        Assert.Equal(24, Unsafe.SizeOf<AddedKeys.Entry>());
        Assert.Equal(48, Unsafe.SizeOf<IdempotencyKey>());
    }
}
