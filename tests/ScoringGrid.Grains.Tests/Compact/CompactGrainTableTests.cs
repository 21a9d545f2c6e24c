using System.Globalization;
using ScoringGrid.Grains.Storage.Sqlite;
using ScoringGrid.TestSupport;

namespace ScoringGrid.Grains.Tests.Compact;

/// <summary>
/// Compact grains: activation, lookup against a reference map through growth and removals, idle
/// collection (only of what storage holds), checkpoint capture, and reactivation from storage.
/// </summary>
public sealed class CompactGrainTableTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly ManualTimeProvider _clock = new();
    private readonly TempDirectory _directory = new("sg-compact-");
    private readonly PairCounterType _type = new();
    private GrainRuntime? _runtime;
    private SqliteGrainStorage? _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<GrainRuntime> StartAsync(bool durable)
    {
        IGrainStorage storage = new MemoryGrainStorage();
        if (durable)
        {
            _store = new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = _directory.Combine("grains.db"), CommandTimeout = TimeSpan.FromSeconds(10) });
            await _store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
            var checkpointed = new CheckpointedGrainStorage(_store, new NoGrainStateSerializer());
            await checkpointed.LoadIndexAsync(CancellationToken.None).WaitAsync(Bound);
            storage = checkpointed;
        }

        _runtime = new GrainRuntime(new GrainRuntimeOptions { Partitions = 2, CollectionAge = TimeSpan.FromMinutes(15), CollectionQuantum = TimeSpan.Zero, CompactCollectionBatch = 7 }, new GrainTypeRegistry(), storage, _clock);
        return _runtime;
    }

    private Task<long> AddAsync(GrainRuntime runtime, PairKey key, long amount) =>
        runtime.PartitionOf(_type.PlacementHash(key)).InvokeAsync(async partition =>
        {
            var table = partition.GetTable(_type);
            var slot = await table.GetOrActivateAsync(key);
            table.Read(slot, out var state);
            state.Count += amount;
            table.Write(slot, state);
            table.MarkChanged(slot);
            return state.Count;
        }).WaitAsync(Bound);

    private Task<long?> ReadAsync(GrainRuntime runtime, PairKey key) =>
        runtime.PartitionOf(_type.PlacementHash(key)).InvokeAsync(async partition =>
        {
            var table = partition.GetTable(_type);
            var slot = await table.FindAsync(key);
            if (slot < 0)
            {
                return (long?)null;
            }

            table.Read(slot, out var state);
            return state.Count;
        }).WaitAsync(Bound);

    private Task<int> WholeCountAsync(GrainRuntime runtime) =>
        Task.WhenAll(runtime.Partitions.Select(p => p.InvokeAsync(q => new ValueTask<int>(q.GetTable(_type).WholeCount)))).ContinueWith(t => t.Result.Sum(), TaskScheduler.Default).WaitAsync(Bound);

    private Task<int> CountAsync(GrainRuntime runtime) =>
        Task.WhenAll(runtime.Partitions.Select(p => p.InvokeAsync(q => new ValueTask<int>(q.GetTable(_type).Count)))).ContinueWith(t => t.Result.Sum(), TaskScheduler.Default).WaitAsync(Bound);

    [Fact(Timeout = 120_000)]
    public async Task Activates_on_first_use_and_finds_every_key_through_growth()
    {
        var runtime = await StartAsync(durable: false);
        var expected = new Dictionary<PairKey, long>();
        var random = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var key = new PairKey(random.Next(200), 1000 + random.Next(200));
            var amount = random.Next(1, 10);
            expected[key] = expected.GetValueOrDefault(key) + amount;
            Assert.Equal(expected[key], await AddAsync(runtime, key, amount));
        }

        foreach (var (key, count) in expected)
        {
            Assert.Equal(count, await ReadAsync(runtime, key));
        }

        Assert.Null(await ReadAsync(runtime, new PairKey(-1, -2)));
        Assert.Equal(expected.Count, await CountAsync(runtime));
    }

    [Fact(Timeout = 120_000)]
    public async Task Hints_before_lookups_change_no_answer()
    {
        // A turn hints its batch's keys (index, then slot) before looking them up; keys not yet active,
        // keys that collide and keys never used are hinted too. The table must answer as without hints,
        // through growth of its index and its slots.
        var runtime = await StartAsync(durable: false);
        var expected = new Dictionary<PairKey, long>();
        var random = new Random(5);
        for (var round = 0; round < 400; round++)
        {
            var keys = new PairKey[25];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = new PairKey(random.Next(300), 1000 + random.Next(300));
            }

            var amount = round + 1;
            var counts = await runtime.PartitionOf(0).InvokeAsync(async partition =>
            {
                var table = partition.GetTable(_type);
                foreach (var key in keys)
                {
                    table.PrefetchIndex(key);
                }

                table.PrefetchIndex(new PairKey(-5, -6));
                foreach (var key in keys)
                {
                    table.PrefetchSlot(key);
                }

                table.PrefetchSlot(new PairKey(-5, -6));
                var after = new long[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    var slot = await table.GetOrActivateAsync(keys[i]);
                    table.Read(slot, out var state);
                    state.Count += amount;
                    table.Write(slot, state);
                    after[i] = state.Count;
                }

                return after;
            }).WaitAsync(Bound);

            for (var i = 0; i < keys.Length; i++)
            {
                expected[keys[i]] = expected.GetValueOrDefault(keys[i]) + amount;
                Assert.Equal(expected[keys[i]], counts[i]);
            }
        }

        var total = await runtime.PartitionOf(0).InvokeAsync(partition => new ValueTask<int>(partition.GetTable(_type).Count)).WaitAsync(Bound);
        Assert.Equal(expected.Count, total);
    }

    [Fact(Timeout = 120_000)]
    public async Task States_that_do_not_pack_are_kept_whole_until_they_pack_again()
    {
        // The test type packs a counter into 32 bits: past int.MaxValue a state is kept whole beside the
        // slots. Every read must give the exact value either way, through growth and slot reuse.
        var runtime = await StartAsync(durable: false);
        var big = new PairKey(1, 2);
        var small = new PairKey(3, 4);
        Assert.Equal(7, await AddAsync(runtime, small, 7));
        Assert.Equal(int.MaxValue, await AddAsync(runtime, big, int.MaxValue));
        Assert.Equal(0, await WholeCountAsync(runtime));

        Assert.Equal(int.MaxValue + 5L, await AddAsync(runtime, big, 5));
        Assert.Equal(1, await WholeCountAsync(runtime));
        Assert.Equal(int.MaxValue + 5L, await ReadAsync(runtime, big));
        Assert.Equal(7, await ReadAsync(runtime, small));

        // Many more grains, some of them whole: the table grows around them.
        var expected = new Dictionary<PairKey, long> { [big] = int.MaxValue + 5L, [small] = 7 };
        for (var i = 0; i < 3_000; i++)
        {
            var key = new PairKey(100 + i, 50_000 + i);
            long amount = i % 100 == 0 ? 3L * int.MaxValue + i : i;
            expected[key] = await AddAsync(runtime, key, amount);
        }

        Assert.Equal(1 + 30, await WholeCountAsync(runtime));
        foreach (var (key, count) in expected)
        {
            Assert.Equal(count, await ReadAsync(runtime, key));
        }

        // Back under the limit: packed again, and the whole copy is gone.
        Assert.Equal(1, await AddAsync(runtime, big, -(int.MaxValue + 4L)));
        Assert.Equal(30, await WholeCountAsync(runtime));
        Assert.Equal(1, await ReadAsync(runtime, big));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_whole_state_is_checkpointed_collected_and_read_back_exactly()
    {
        var runtime = await StartAsync(durable: true);
        var whole = new PairKey(5, 6);
        var packed = new PairKey(7, 8);
        await AddAsync(runtime, whole, 5L * int.MaxValue);
        await AddAsync(runtime, packed, 9);
        Assert.Equal(1, await WholeCountAsync(runtime));

        await CheckpointAsync(runtime, logPosition: 1);
        var stored = await _store!.ReadAsync(_type.StateName, _type.GrainIdOf(whole), CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(5L * int.MaxValue, BitConverter.ToInt64(stored!.Data));

        // Collected when idle: its whole copy goes with its slot, and a grain reusing the slot is packed.
        _clock.Advance(TimeSpan.FromHours(1));
        await runtime.CollectIdleAsync().WaitAsync(Bound);
        Assert.Equal(0, await CountAsync(runtime));
        Assert.Equal(0, await WholeCountAsync(runtime));
        Assert.Equal(11, await AddAsync(runtime, new PairKey(9, 10), 11));
        Assert.Equal(0, await WholeCountAsync(runtime));

        // Reactivated from storage: whole again, with its exact value.
        Assert.Equal(5L * int.MaxValue, await ReadAsync(runtime, whole));
        Assert.Equal(1, await WholeCountAsync(runtime));
        Assert.Equal(9, await ReadAsync(runtime, packed));
    }

    [Fact(Timeout = 120_000)]
    public async Task With_memory_storage_idle_compact_grains_stay_resident()
    {
        var runtime = await StartAsync(durable: false);
        await AddAsync(runtime, new PairKey(1, 2), 5);
        _clock.Advance(TimeSpan.FromHours(1));

        await runtime.CollectIdleAsync().WaitAsync(Bound);

        Assert.Equal(1, await CountAsync(runtime));
        Assert.Equal(5, await ReadAsync(runtime, new PairKey(1, 2)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Only_checkpointed_idle_grains_are_collected_and_they_come_back_from_storage()
    {
        var runtime = await StartAsync(durable: true);
        var keys = Enumerable.Range(0, 300).Select(i => new PairKey(i, 10_000 + i)).ToArray();
        foreach (var key in keys)
        {
            await AddAsync(runtime, key, key.A + 1);
        }

        // Dirty grains are never collected.
        _clock.Advance(TimeSpan.FromHours(1));
        await runtime.CollectIdleAsync().WaitAsync(Bound);
        Assert.Equal(keys.Length, await CountAsync(runtime));

        await CheckpointAsync(runtime, logPosition: 1);
        Assert.Equal(0, runtime.DirtyCount);

        // Half of them are used again; the other half stays idle and leaves memory.
        _clock.Advance(TimeSpan.FromHours(1));
        foreach (var key in keys.Where(k => k.A % 2 == 0))
        {
            await AddAsync(runtime, key, 1000);
        }

        await CheckpointAsync(runtime, logPosition: 2);
        _clock.Advance(TimeSpan.FromMinutes(16));
        foreach (var key in keys.Where(k => k.A % 4 == 0))
        {
            Assert.Equal(key.A + 1 + 1000, await ReadAsync(runtime, key)); // recently used again: stays
        }

        await runtime.CollectIdleAsync().WaitAsync(Bound);
        Assert.Equal(keys.Length / 4, await CountAsync(runtime));

        foreach (var key in keys)
        {
            Assert.Equal(key.A + 1 + (key.A % 2 == 0 ? 1000 : 0), await ReadAsync(runtime, key));
        }

        Assert.Equal(keys.Length, await CountAsync(runtime));
        Assert.Null(await ReadAsync(runtime, new PairKey(-5, -6)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_slot_keeps_versions_up_to_its_limit_beside_its_flags_and_refuses_larger_ones()
    {
        // The version shares a word with the slot's flags: the largest version it holds must come back whole,
        // with the flags untouched, and a larger one must be refused by name rather than cut.
        var runtime = await StartAsync(durable: true);
        var key = new PairKey(7, 8);
        await AddAsync(runtime, key, 1);
        var captures = await runtime.CaptureCheckpointAsync(1).WaitAsync(Bound);
        await runtime.MaterializeCheckpointAsync(captures).WaitAsync(Bound);
        await runtime.CompleteCheckpointAsync(captures, [CompactGrainTable<PairKey, PairCounter, int>.MaxVersion.ToString(CultureInfo.InvariantCulture)]).WaitAsync(Bound);
        Assert.Equal(0, runtime.DirtyCount);

        await AddAsync(runtime, key, 1);
        Assert.Equal(1, runtime.DirtyCount);
        captures = await runtime.CaptureCheckpointAsync(2).WaitAsync(Bound);
        await runtime.MaterializeCheckpointAsync(captures).WaitAsync(Bound);
        var write = Assert.Single(captures.SelectMany(c => c.Writes));
        Assert.Equal(CompactGrainTable<PairKey, PairCounter, int>.MaxVersion.ToString(CultureInfo.InvariantCulture), write.ETag);
        Assert.Equal(0, runtime.DirtyCount);

        var tooLarge = (CompactGrainTable<PairKey, PairCounter, int>.MaxVersion + 1).ToString(CultureInfo.InvariantCulture);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.CompleteCheckpointAsync(captures, [tooLarge]).WaitAsync(Bound));
        Assert.Contains(tooLarge, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_checkpoint_leaves_the_grains_dirty_and_the_next_one_writes_them()
    {
        var runtime = await StartAsync(durable: true);
        await AddAsync(runtime, new PairKey(1, 2), 3);
        await AddAsync(runtime, new PairKey(3, 4), 4);

        var captures = await runtime.CaptureCheckpointAsync(1).WaitAsync(Bound);
        Assert.Equal(2, captures.Sum(c => c.Count));
        Assert.Equal(0, runtime.DirtyCount);
        await runtime.CompleteCheckpointAsync(captures, null).WaitAsync(Bound);
        Assert.Equal(2, runtime.DirtyCount);

        await CheckpointAsync(runtime, logPosition: 2);
        Assert.Equal(0, runtime.DirtyCount);
        _clock.Advance(TimeSpan.FromHours(1));
        await runtime.CollectIdleAsync().WaitAsync(Bound);
        Assert.Equal(0, await CountAsync(runtime));
        Assert.Equal(3, await ReadAsync(runtime, new PairKey(1, 2)));
        Assert.Equal(4, await ReadAsync(runtime, new PairKey(3, 4)));

        // A second version of a stored record is written with the ETag the first write returned.
        await AddAsync(runtime, new PairKey(1, 2), 10);
        await CheckpointAsync(runtime, logPosition: 3);
        var stored = await _store!.ReadAsync(_type.StateName, _type.GrainIdOf(new PairKey(1, 2)), CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(13, BitConverter.ToInt64(stored!.Data));
        Assert.Equal(3, stored.LogPosition);
    }

    private async Task CheckpointAsync(GrainRuntime runtime, long logPosition)
    {
        var captures = await runtime.CaptureCheckpointAsync(logPosition).WaitAsync(Bound);
        await runtime.MaterializeCheckpointAsync(captures).WaitAsync(Bound);
        var records = captures.SelectMany(c => c.Writes).ToList();
        var etags = await _store!.WriteCheckpointAsync(new Checkpoint(records, [], 0, logPosition), CancellationToken.None).WaitAsync(Bound);
        await runtime.CompleteCheckpointAsync(captures, etags).WaitAsync(Bound);
    }

    /// <summary>A pair of numbers.</summary>
    private readonly record struct PairKey(int A, int B);

    /// <summary>A counter per pair.</summary>
    private struct PairCounter
    {
        public long Count;
    }

    /// <summary>A counter per pair, packed into 32 bits when it fits.</summary>
    private sealed class PairCounterType : CompactGrainType<PairKey, PairCounter, int>
    {
        public override bool TryPack(in PairCounter state, out int packed)
        {
            packed = (int)state.Count;
            return packed == state.Count;
        }

        public override void Unpack(in int packed, out PairCounter state) => state = new PairCounter { Count = packed };

        public override string StateName => "PairCounter";

        public override PairCounter EmptyState => default;

        public override GrainId GrainIdOf(in PairKey key) => new("pair", $"{key.A}:{key.B}");

        public override ulong StableHashOf(in PairKey key)
        {
            var hasher = StableHasher.Start("pair");
            hasher.Append(key.A);
            hasher.Append(":");
            hasher.Append(key.B);
            return hasher.Hash;
        }

        public override ulong PlacementHash(in PairKey key) => StableHashOf(key);

        public override byte[] Serialize(in PairKey key, in PairCounter state) => BitConverter.GetBytes(state.Count);

        public override PairCounter Deserialize(in PairKey key, ReadOnlySpan<byte> data) => new() { Count = BitConverter.ToInt64(data) };
    }

    private sealed class NoGrainStateSerializer : IGrainStateSerializer
    {
        public byte[] Serialize<T>(GrainId grainId, T state)
            where T : class, new() => throw new NotSupportedException();

        public T Deserialize<T>(GrainId grainId, ReadOnlySpan<byte> data)
            where T : class, new() => throw new NotSupportedException();
    }
}
