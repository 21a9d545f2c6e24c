namespace ScoringGrid.Grains.Tests;

[Collection("CounterGrain statics")]
public sealed class GrainRuntimeTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly MemoryGrainStorage _storage = new();
    private GrainRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        CounterGrain.Activations = 0;
        CounterGrain.Deactivations = 0;
        CounterGrain.OverlappingTurns = 0;
        var types = new GrainTypeRegistry().Register("counter", () => new CounterGrain());
        _runtime = new GrainRuntime(new GrainRuntimeOptions { Partitions = 4, CollectionAge = TimeSpan.FromMinutes(15), CollectionQuantum = TimeSpan.Zero }, types, _storage, _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private static GrainId Counter(string key) => new("counter", key);

    [Fact]
    public async Task Turns_are_single_threaded_under_concurrent_callers()
    {
        var id = Counter("hot");
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Add(1));
            }
        }));

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(16_000, await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Read()));
        Assert.Equal(0, CounterGrain.OverlappingTurns);
        Assert.Equal(1, CounterGrain.Activations);
    }

    [Fact]
    public async Task Async_turns_do_not_interleave()
    {
        var id = Counter("slow");
        var calls = Enumerable.Range(0, 50).Select(_ => _runtime.InvokeAsync<CounterGrain, long>(id, g => g.AddSlowlyAsync(2)));

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(100, await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Read()));
        Assert.Equal(0, CounterGrain.OverlappingTurns);
    }

    [Fact]
    public async Task Grains_activate_on_first_use_once_per_identity()
    {
        for (var i = 0; i < 20; i++)
        {
            await _runtime.InvokeAsync<CounterGrain, long>(Counter("k" + (i % 5)), g => g.Add(1));
        }

        Assert.Equal(5, CounterGrain.Activations);
        Assert.Equal(5, _runtime.Partitions.Sum(p => p.ActivationCount));
    }

    [Fact]
    public async Task Idle_grains_are_deactivated_and_reactivate_with_their_state()
    {
        var busy = Counter("busy");
        var idle = Counter("idle");
        await _runtime.InvokeAsync<CounterGrain, long>(idle, g => g.Add(41));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _runtime.InvokeAsync<CounterGrain, long>(busy, g => g.Add(1));
        _clock.Advance(TimeSpan.FromMinutes(6));

        await _runtime.CollectIdleAsync();

        Assert.Equal(1, CounterGrain.Deactivations);
        Assert.Equal(1, _storage.Count);
        Assert.Equal(1, _runtime.Partitions.Sum(p => p.ActivationCount));

        var value = await _runtime.InvokeAsync<CounterGrain, long>(idle, g => g.Add(1));
        Assert.Equal(42, value);
        Assert.Equal(3, CounterGrain.Activations);
        Assert.True(await _runtime.InvokeAsync<CounterGrain, bool>(idle, g => g.HasRecord));
    }

    [Fact]
    public async Task A_grain_can_ask_to_be_deactivated()
    {
        var id = Counter("leaving");
        await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Add(7));
        await _runtime.InvokeAsync<CounterGrain, bool>(id, g =>
        {
            g.Leave();
            return true;
        });
        await _runtime.InvokeAsync<CounterGrain, long>(Counter("other"), g => g.Read());

        Assert.Equal(1, CounterGrain.Deactivations);
        Assert.Equal(7, await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Read()));
    }

    [Fact]
    public async Task Stop_deactivates_every_grain_and_persists_it()
    {
        await _runtime.InvokeAsync<CounterGrain, long>(Counter("a"), g => g.Add(1));
        await _runtime.InvokeAsync<CounterGrain, long>(Counter("b"), g => g.Add(2));

        await _runtime.StopAsync();

        Assert.Equal(2, CounterGrain.Deactivations);
        Assert.Equal(2, _storage.Count);
    }

    [Fact]
    public async Task A_failing_call_surfaces_to_its_caller_and_the_partition_keeps_working()
    {
        var id = Counter("faulty");

        Func<CounterGrain, long> failing = _ => throw new InvalidOperationException("boom");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _runtime.InvokeAsync(id, failing));

        Assert.Equal(3, await _runtime.InvokeAsync<CounterGrain, long>(id, g => g.Add(3)));
    }

    [Fact]
    public async Task Unknown_grain_type_fails_the_call()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _runtime.InvokeAsync<CounterGrain, long>(new GrainId("nope", "x"), g => g.Read()));
    }

    [Fact]
    public void Placement_is_stable_and_spreads_keys()
    {
        var counts = new int[4];
        for (var i = 0; i < 4_000; i++)
        {
            var id = Counter("key-" + i);
            Assert.Same(_runtime.PartitionOf(id), _runtime.PartitionOf(new GrainId("counter", "key-" + i)));
            counts[_runtime.PartitionOf(id).Index]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 700, 1300));
        Assert.Equal(new GrainId("t", "k").StableHash, new GrainId("t", "k").StableHash);
        Assert.NotEqual(new GrainId("t", "k1").StableHash, new GrainId("t", "k2").StableHash);
    }
}
