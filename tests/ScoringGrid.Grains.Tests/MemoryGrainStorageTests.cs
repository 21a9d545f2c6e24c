namespace ScoringGrid.Grains.Tests;

public sealed class MemoryGrainStorageTests
{
    private static readonly GrainId Id = new("counter", "x");

    [Fact]
    public async Task Read_of_a_missing_record_gives_a_fresh_state()
    {
        var storage = new MemoryGrainStorage();
        var state = new GrainState<CounterState>();

        await storage.ReadStateAsync("s", Id, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Value);
    }

    [Fact]
    public async Task Write_then_read_round_trips_with_a_new_etag()
    {
        var storage = new MemoryGrainStorage();
        var state = new GrainState<CounterState>();
        state.State.Value = 5;

        await storage.WriteStateAsync("s", Id, state);
        var first = state.ETag;
        await storage.WriteStateAsync("s", Id, state);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Id, read);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(5, read.State.Value);
    }

    [Fact]
    public async Task A_stale_etag_fails_loudly_and_does_not_overwrite()
    {
        var storage = new MemoryGrainStorage();
        var writer1 = new GrainState<CounterState>();
        await storage.WriteStateAsync("s", Id, writer1);
        var writer2 = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Id, writer2);
        writer2.State = new CounterState { Value = 2 };
        await storage.WriteStateAsync("s", Id, writer2);

        writer1.State = new CounterState { Value = 1 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Id, writer1));
        var fresh = new GrainState<CounterState>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Id, fresh));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Id, read);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Clear_removes_the_record()
    {
        var storage = new MemoryGrainStorage();
        var state = new GrainState<CounterState>();
        await storage.WriteStateAsync("s", Id, state);

        await storage.ClearStateAsync("s", Id, state);

        Assert.Equal(0, storage.Count);
        Assert.False(state.RecordExists);
    }
}
