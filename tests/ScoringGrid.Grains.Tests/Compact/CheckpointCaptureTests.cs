using ScoringGrid.Grains.Storage.Sqlite;
using ScoringGrid.TestSupport;

namespace ScoringGrid.Grains.Tests.Compact;

/// <summary>
/// A checkpoint's cut marks changed grains and serializes them afterwards: a grain changed before
/// the background pass reaches it is serialized just before its change, so the record holds the
/// state as of the cut.
/// </summary>
public sealed class CheckpointCaptureTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new("sg-capture-");
    private SqliteGrainStorage _store = null!;
    private GrainRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = _directory.Combine("grains.db"), CommandTimeout = TimeSpan.FromSeconds(10) });
        await _store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
        var storage = new CheckpointedGrainStorage(_store, new TallySerializer());
        var types = new GrainTypeRegistry().Register("tally", () => new TallyGrain());
        _runtime = new GrainRuntime(new GrainRuntimeOptions { Partitions = 1, CollectionQuantum = TimeSpan.Zero, CheckpointSerializationBatch = 1 }, types, storage);
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private Task<long> AddAsync(string key, long amount) =>
        _runtime.InvokeAsync<TallyGrain, long>(new GrainId("tally", key), g => g.Add(amount)).WaitAsync(Bound);

    [Fact(Timeout = 120_000)]
    public async Task A_grain_changed_after_the_cut_is_recorded_as_it_was_at_the_cut()
    {
        for (var i = 0; i < 20; i++)
        {
            await AddAsync("g" + i, i + 1);
        }

        var captures = await _runtime.CaptureCheckpointAsync(logPosition: 7).WaitAsync(Bound);
        Assert.Equal(20, captures.Sum(c => c.Count));

        // Changes after the cut, before the grains are serialized: copy on write keeps the cut's state.
        for (var i = 0; i < 20; i += 3)
        {
            await AddAsync("g" + i, 1000);
        }

        await _runtime.MaterializeCheckpointAsync(captures).WaitAsync(Bound);
        var writes = captures.SelectMany(c => c.Writes).ToDictionary(w => w.GrainId.Key, w => BitConverter.ToInt64(w.Data));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i + 1, writes["g" + i]);
        }

        Assert.All(captures.SelectMany(c => c.Writes), w => Assert.Equal(7, w.LogPosition));
        var etags = await _store.WriteCheckpointAsync(new Checkpoint(captures.SelectMany(c => c.Writes).ToList(), [], 0, 7), CancellationToken.None).WaitAsync(Bound);
        await _runtime.CompleteCheckpointAsync(captures, etags).WaitAsync(Bound);

        // The grains changed after the cut are dirty again and go into the next checkpoint with their new state.
        Assert.Equal(7, _runtime.DirtyCount);
        var next = await _runtime.CaptureCheckpointAsync(logPosition: 8).WaitAsync(Bound);
        await _runtime.MaterializeCheckpointAsync(next).WaitAsync(Bound);
        Assert.Equal(
            Enumerable.Range(0, 20).Where(i => i % 3 == 0).ToDictionary(i => "g" + i, i => (long)(i + 1 + 1000)),
            next.SelectMany(c => c.Writes).ToDictionary(w => w.GrainId.Key, w => BitConverter.ToInt64(w.Data)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Changing_state_without_preparing_while_a_capture_is_pending_is_refused()
    {
        await AddAsync("careless", 1);
        var captures = await _runtime.CaptureCheckpointAsync(logPosition: 1).WaitAsync(Bound);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _runtime.InvokeAsync<TallyGrain, long>(new GrainId("tally", "careless"), g => g.AddWithoutPreparing(5)).WaitAsync(Bound));
        Assert.Contains("PrepareForChange", error.Message);

        // The mistake is reported where it is made (a missed PrepareForChange would otherwise corrupt the checkpoint silently).
        await _runtime.MaterializeCheckpointAsync(captures).WaitAsync(Bound);
        Assert.Single(captures.SelectMany(c => c.Writes));
    }

    private sealed class Tally
    {
        public long Value { get; set; }
    }

    private sealed class TallyGrain : Grain<Tally>
    {
        public long Add(long amount)
        {
            PrepareForChange();
            State.Value += amount;
            MarkStateChanged();
            return State.Value;
        }

        public long AddWithoutPreparing(long amount)
        {
            State.Value += amount;
            MarkStateChanged();
            return State.Value;
        }
    }

    private sealed class TallySerializer : IGrainStateSerializer
    {
        public byte[] Serialize<T>(GrainId grainId, T state)
            where T : class, new() => BitConverter.GetBytes(((Tally)(object)state).Value);

        public T Deserialize<T>(GrainId grainId, ReadOnlySpan<byte> data)
            where T : class, new() => (T)(object)new Tally { Value = BitConverter.ToInt64(data) };
    }
}
