using static ScoringGrid.Grains.Tests.Storage.StorageTestData;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>
/// What every durable provider must do, run against each of them by a subclass. Each test
/// gets a store of its own (a new file or database); <see cref="OpenAsync"/> opens a new
/// provider instance on it, as a restarted server would.
/// </summary>
public abstract class DurableGrainStorageContract : IAsyncLifetime
{
    private readonly List<IDurableGrainStorage> _opened = [];

    /// <summary>A new, not yet initialized provider on this test's store.</summary>
    protected abstract IDurableGrainStorage Create();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>A provider on this test's store, initialized; disposed after the test.</summary>
    protected async Task<IDurableGrainStorage> OpenAsync()
    {
        var storage = Create();
        _opened.Add(storage);
        await storage.InitializeAsync(CancellationToken.None).Bounded();
        return storage;
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Reading_a_missing_record_gives_null()
    {
        var storage = await OpenAsync();

        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
        Assert.Equal(0, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_new_record_reads_back_with_its_bytes_etag_and_log_position()
    {
        var storage = await OpenAsync();
        var write = New(1, logPosition: 42);

        var etag = await storage.WriteAsync(write, CancellationToken.None).Bounded();
        var read = await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded();

        Assert.NotNull(read);
        Assert.Equal(write.Data, read.Data);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(42, read.LogPosition);
        Assert.True(long.TryParse(etag, out var version) && version > 0, $"ETag '{etag}' is not a positive decimal version");
        Assert.Null(await storage.ReadAsync("other-state", Grain(1), CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task An_empty_record_and_ids_outside_ASCII_read_back_as_written()
    {
        var storage = await OpenAsync();
        var grain = new GrainId("acc\u00e9", "t1/caf\u00e9-\u4e2d\ud83d\ude00");
        var etag = await storage.WriteAsync(new GrainRecordWrite(State, grain, [], null, 3), CancellationToken.None).Bounded();

        var read = await storage.ReadAsync(State, grain, CancellationToken.None).Bounded();
        Assert.NotNull(read);
        Assert.Empty(read.Data);
        Assert.Equal(etag, read.ETag);
        Assert.Contains((State, grain), await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded());

        var updated = await storage.WriteCheckpointAsync(new Checkpoint([new GrainRecordWrite(State, grain, Payload(5), etag, 4)], [], 0, 4), CancellationToken.None).Bounded();
        Assert.Equal(Payload(5), (await storage.ReadAsync(State, grain, CancellationToken.None).Bounded())!.Data);
        Assert.Equal(updated[0], (await storage.ReadAsync(State, grain, CancellationToken.None).Bounded())!.ETag);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Writing_with_the_stored_etag_gives_a_new_version()
    {
        var storage = await OpenAsync();
        var first = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        var second = await storage.WriteAsync(New(1, logPosition: 7, seed: 5) with { ETag = first }, CancellationToken.None).Bounded();
        var read = await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded();

        Assert.NotEqual(first, second);
        Assert.True(long.Parse(second) > long.Parse(first));
        Assert.Equal(second, read!.ETag);
        Assert.Equal(New(1, seed: 5).Data, read.Data);
        Assert.Equal(7, read.LogPosition);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_stale_etag_is_a_conflict_naming_both_etags_and_the_record_is_unchanged()
    {
        var storage = await OpenAsync();
        var first = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();
        var second = await storage.WriteAsync(New(1, seed: 2) with { ETag = first }, CancellationToken.None).Bounded();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(New(1, seed: 3) with { ETag = first }, CancellationToken.None).Bounded());

        Assert.Equal(second, conflict.StoredETag);
        Assert.Equal(first, conflict.CurrentETag);
        Assert.Contains(Grain(1).ToString(), conflict.Message);
        Assert.Contains(second, conflict.Message);
        var read = await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded();
        Assert.Equal(second, read!.ETag);
        Assert.Equal(New(1, seed: 2).Data, read.Data);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Writing_with_no_etag_over_an_existing_record_is_a_conflict()
    {
        var storage = await OpenAsync();
        var stored = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(New(1, seed: 9), CancellationToken.None).Bounded());

        Assert.Equal(stored, conflict.StoredETag);
        Assert.Null(conflict.CurrentETag);
        Assert.Equal(New(1).Data, (await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.Data);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Writing_with_an_etag_when_no_record_exists_is_a_conflict()
    {
        var storage = await OpenAsync();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(New(1) with { ETag = "5" }, CancellationToken.None).Bounded());
        var foreign = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(New(1) with { ETag = "not-a-version" }, CancellationToken.None).Bounded());

        Assert.Null(conflict.StoredETag);
        Assert.Equal("5", conflict.CurrentETag);
        Assert.Equal("not-a-version", foreign.CurrentETag);
        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Delete_with_the_matching_etag_removes_the_record()
    {
        var storage = await OpenAsync();
        var etag = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        await storage.DeleteAsync(State, Grain(1), etag, CancellationToken.None).Bounded();

        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
        Assert.Empty(await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Delete_with_a_mismatching_etag_is_a_conflict_and_keeps_the_record()
    {
        var storage = await OpenAsync();
        var etag = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.DeleteAsync(State, Grain(1), "999999", CancellationToken.None).Bounded());
        var blind = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.DeleteAsync(State, Grain(1), null, CancellationToken.None).Bounded());

        Assert.Equal(etag, stale.StoredETag);
        Assert.Equal("999999", stale.CurrentETag);
        Assert.Equal(etag, blind.StoredETag);
        Assert.Equal(etag, (await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Delete_of_a_missing_record_is_fine_with_no_etag_and_a_conflict_with_one()
    {
        var storage = await OpenAsync();

        await storage.DeleteAsync(State, Grain(1), null, CancellationToken.None).Bounded();
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.DeleteAsync(State, Grain(1), "3", CancellationToken.None).Bounded());

        Assert.Null(conflict.StoredETag);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_record_deleted_and_created_again_never_reuses_an_etag()
    {
        var storage = await OpenAsync();
        var first = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();
        await storage.DeleteAsync(State, Grain(1), first, CancellationToken.None).Bounded();
        var second = await storage.WriteAsync(New(1, seed: 4), CancellationToken.None).Bounded();

        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(New(1, seed: 5) with { ETag = first }, CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_checkpoint_of_10000_records_with_keys_and_position_is_stored_whole()
    {
        var storage = await OpenAsync();
        var records = Enumerable.Range(0, 10_000).Select(i => New(i, logPosition: 500)).ToArray();
        var keys = Enumerable.Range(0, 2_000).Select(i => Key(i, seenAtMs: 1_000_000 + i)).ToArray();

        var etags = await storage.WriteCheckpointAsync(new Checkpoint(records, keys, 0, 500), CancellationToken.None).Bounded();

        Assert.Equal(records.Length, etags.Length);
        Assert.Equal(etags.Length, etags.Distinct().Count());
        Assert.Equal(500, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        foreach (var i in new[] { 0, 1, 4_999, 9_998, 9_999 })
        {
            var read = await storage.ReadAsync(State, Grain(i), CancellationToken.None).Bounded();
            Assert.Equal(records[i].Data, read!.Data);
            Assert.Equal(etags[i], read.ETag);
            Assert.Equal(500, read.LogPosition);
        }

        var ids = await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal(records.Length, ids.Count);
        Assert.Equal(records.Select(r => (r.StateName, r.GrainId)).ToHashSet(), ids.ToHashSet());
        var storedKeys = await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal(keys.ToHashSet(), storedKeys.ToHashSet());
    }

    /// <summary>
    /// Keys past one stored batch: two full batches and a part, then a smaller checkpoint whose one
    /// batch must hold only its own keys (batches are encoded one after another in reused room).
    /// </summary>
    [Fact(Timeout = TestTimeout)]
    public async Task Keys_of_several_batches_then_of_a_smaller_checkpoint_read_back_exactly()
    {
        var storage = await OpenAsync();
        var many = Enumerable.Range(0, (2 * IdempotencyKeyBatch.MaxKeysPerBatch) + 123).Select(i => Key(i, seenAtMs: 1_000_000 + i)).ToArray();
        await storage.WriteCheckpointAsync(new Checkpoint([], many, 0, 10), CancellationToken.None).Bounded();
        var few = Enumerable.Range(many.Length, 7).Select(i => Key(i, seenAtMs: 2_000_000 + i)).ToArray();
        await storage.WriteCheckpointAsync(new Checkpoint([], few, 0, 20), CancellationToken.None).Bounded();

        var stored = await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal(many.Length + few.Length, stored.Count);
        Assert.Equal(many.Concat(few).ToHashSet(), stored.ToHashSet());
        Assert.Equal(few.ToHashSet(), (await storage.ReadIdempotencyKeysAsync(2_000_000, CancellationToken.None).ToListAsync().Bounded()).ToHashSet());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_checkpoint_updates_records_by_their_etags_and_returns_the_new_ones_in_order()
    {
        var storage = await OpenAsync();
        var created = await storage.WriteCheckpointAsync(new Checkpoint([New(0), New(1)], [], 0, 10), CancellationToken.None).Bounded();

        var updated = await storage.WriteCheckpointAsync(
            new Checkpoint([New(2, logPosition: 20), New(1, logPosition: 20, seed: 8) with { ETag = created[1] }, New(0, logPosition: 20, seed: 8) with { ETag = created[0] }], [], 0, 20),
            CancellationToken.None).Bounded();

        Assert.Equal(20, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        var reads = new List<StoredGrainRecord>();
        foreach (var i in new[] { 2, 1, 0 })
        {
            reads.Add((await storage.ReadAsync(State, Grain(i), CancellationToken.None).Bounded())!);
        }

        Assert.Equal(updated, reads.Select(r => r.ETag).ToArray());
        Assert.Equal(New(1, seed: 8).Data, reads[1].Data);
        Assert.All(reads, r => Assert.Equal(20, r.LogPosition));
        Assert.DoesNotContain(created[0], updated);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_checkpoint_with_one_conflicting_record_writes_nothing()
    {
        var storage = await OpenAsync();
        var before = await storage.WriteCheckpointAsync(new Checkpoint([New(0), New(1), New(2)], [Key(0, 1_000)], 0, 10), CancellationToken.None).Bounded();
        var stale = await storage.WriteAsync(New(1, seed: 1) with { ETag = before[1] }, CancellationToken.None).Bounded();
        var records = Enumerable.Range(3, 500).Select(i => New(i, logPosition: 30)).ToList();
        records.Insert(0, New(0, logPosition: 30, seed: 2) with { ETag = before[0] });
        records.Insert(250, New(1, logPosition: 30, seed: 2) with { ETag = before[1] }); // stale: the record moved on
        records.Add(New(2, logPosition: 30, seed: 2) with { ETag = before[2] });

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteCheckpointAsync(new Checkpoint(records, [Key(1, 2_000), Key(2, 2_000)], 1_500, 30), CancellationToken.None).Bounded());

        Assert.Equal(stale, conflict.StoredETag);
        Assert.Equal(before[1], conflict.CurrentETag);
        Assert.Contains(Grain(1).ToString(), conflict.Message);
        Assert.Equal(10, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        Assert.Equal(3, (await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded()).Count);
        Assert.Equal(before[0], (await storage.ReadAsync(State, Grain(0), CancellationToken.None).Bounded())!.ETag);
        Assert.Equal(New(0).Data, (await storage.ReadAsync(State, Grain(0), CancellationToken.None).Bounded())!.Data);
        Assert.Equal(before[2], (await storage.ReadAsync(State, Grain(2), CancellationToken.None).Bounded())!.ETag);
        Assert.Null(await storage.ReadAsync(State, Grain(3), CancellationToken.None).Bounded());
        Assert.Equal([Key(0, 1_000)], await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_checkpoint_creating_a_record_that_exists_is_a_conflict()
    {
        var storage = await OpenAsync();
        var stored = await storage.WriteAsync(New(5), CancellationToken.None).Bounded();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteCheckpointAsync(new Checkpoint([New(4), New(5, seed: 1)], [], 0, 9), CancellationToken.None).Bounded());

        Assert.Equal(stored, conflict.StoredETag);
        Assert.Null(conflict.CurrentETag);
        Assert.Null(await storage.ReadAsync(State, Grain(4), CancellationToken.None).Bounded());
        Assert.Equal(0, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_checkpoint_naming_a_record_twice_is_rejected()
    {
        var storage = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => storage.WriteCheckpointAsync(new Checkpoint([New(1), New(2), New(1, seed: 1)], [], 0, 5), CancellationToken.None).Bounded());

        Assert.Null(await storage.ReadAsync(State, Grain(2), CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Idempotency_keys_are_added_read_back_since_a_time_and_forgotten_before_a_cutoff()
    {
        var storage = await OpenAsync();
        var early = Enumerable.Range(0, 100).Select(i => Key(i, seenAtMs: 1_000 + i)).ToArray();
        var late = Enumerable.Range(100, 100).Select(i => Key(i, seenAtMs: 5_000 + i, scope: "t2")).ToArray();
        await storage.WriteCheckpointAsync(new Checkpoint([], [.. early, .. late], 0, 1), CancellationToken.None).Bounded();

        var since = await storage.ReadIdempotencyKeysAsync(5_050, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal(late.Where(k => k.SeenAtMs >= 5_050).ToHashSet(), since.ToHashSet());

        // A key seen again keeps its first sighting; the cutoff forgets every early key.
        await storage.WriteCheckpointAsync(new Checkpoint([], [Key(150, seenAtMs: 9_999, scope: "t2"), Key(300, seenAtMs: 6_000)], 5_000, 2), CancellationToken.None).Bounded();

        var all = await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal([.. late, Key(300, seenAtMs: 6_000)], all.OrderBy(k => k.SeenAtMs).ThenBy(k => k.Hash).ToArray());
        Assert.Equal(2, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    /// <summary>
    /// An event accepted again after its first sighting left the dedupe window is stored twice; read
    /// back from a time between the two, it is there by its second sighting (the contract: every key
    /// seen at or after the time), as the running server had it.
    /// </summary>
    [Fact(Timeout = TestTimeout)]
    public async Task A_key_seen_again_after_its_first_sighting_left_the_window_reads_back_by_the_second()
    {
        var storage = await OpenAsync();
        // The first checkpoint's batch spans the window's start (its newest key is in it), so it is read.
        await storage.WriteCheckpointAsync(new Checkpoint([], [Key(1, seenAtMs: 1_000), Key(2, seenAtMs: 6_000)], 0, 1), CancellationToken.None).Bounded();
        await storage.WriteCheckpointAsync(new Checkpoint([], [Key(1, seenAtMs: 9_000) with { LogPosition = 900 }, Key(3, seenAtMs: 9_100)], 0, 2), CancellationToken.None).Bounded();

        var since = await storage.ReadIdempotencyKeysAsync(5_000, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal([Key(2, seenAtMs: 6_000), Key(1, seenAtMs: 9_000) with { LogPosition = 900 }, Key(3, seenAtMs: 9_100)], since.OrderBy(k => k.SeenAtMs).ToArray());

        // Read from before both, the first sighting wins.
        var all = await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded();
        Assert.Equal([Key(1, seenAtMs: 1_000), Key(2, seenAtMs: 6_000), Key(3, seenAtMs: 9_100)], all.OrderBy(k => k.SeenAtMs).ToArray());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Record_ids_list_every_stored_record_across_states()
    {
        var storage = await OpenAsync();
        var records = Enumerable.Range(0, 9_000).Select(i => New(i) with { StateName = i % 3 == 0 ? "account" : State }).ToArray();
        await storage.WriteCheckpointAsync(new Checkpoint(records, [], 0, 1), CancellationToken.None).Bounded();
        await storage.DeleteAsync(records[10].StateName, records[10].GrainId, (await storage.ReadAsync(records[10].StateName, records[10].GrainId, CancellationToken.None).Bounded())!.ETag, CancellationToken.None).Bounded();

        var ids = await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded();

        Assert.Equal(records.Length - 1, ids.Count);
        Assert.Equal(records.Where((_, i) => i != 10).Select(r => (r.StateName, r.GrainId)).ToHashSet(), ids.ToHashSet());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_reopened_provider_finds_everything_written_before()
    {
        var first = await OpenAsync();
        var etags = await first.WriteCheckpointAsync(new Checkpoint([New(1), New(2)], [Key(1, 7_000)], 0, 77), CancellationToken.None).Bounded();
        var single = await first.WriteAsync(New(3, logPosition: 78), CancellationToken.None).Bounded();
        await first.DisposeAsync();

        var second = await OpenAsync();

        Assert.Equal(77, await second.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        Assert.Equal(etags[1], (await second.ReadAsync(State, Grain(2), CancellationToken.None).Bounded())!.ETag);
        Assert.Equal(New(3).Data, (await second.ReadAsync(State, Grain(3), CancellationToken.None).Bounded())!.Data);
        Assert.Equal(3, (await second.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded()).Count);
        Assert.Equal([Key(1, 7_000)], await second.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded());
        // Versions keep growing across the restart: nothing issued before is issued again.
        var next = await second.WriteAsync(New(3, seed: 1) with { ETag = single }, CancellationToken.None).Bounded();
        Assert.True(long.Parse(next) > new[] { single, etags[0], etags[1] }.Max(long.Parse));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Initializing_the_schema_again_is_harmless()
    {
        var storage = await OpenAsync();
        var etag = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        await storage.InitializeAsync(CancellationToken.None).Bounded();
        var other = await OpenAsync();
        await other.InitializeAsync(CancellationToken.None).Bounded();

        Assert.Equal(etag, (await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
        Assert.Equal(etag, (await other.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
        await storage.PingAsync(CancellationToken.None).Bounded();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_cancelled_call_throws_OperationCanceledException_and_writes_nothing()
    {
        var storage = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.ReadAsync(State, Grain(1), cancelled.Token).Bounded());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => storage.WriteCheckpointAsync(new Checkpoint([New(1)], [], 0, 3), cancelled.Token).Bounded());

        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
        Assert.Equal(0, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    /// <summary>Cancels <paramref name="cancel"/> while a large checkpoint is being written (by default after 50 ms).</summary>
    protected virtual async Task CancelWhileWriting(IDurableGrainStorage storage, CancellationTokenSource cancel)
    {
        await Task.Delay(50);
        await cancel.CancelAsync();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Cancelling_a_running_checkpoint_rolls_it_back_whole()
    {
        var storage = await OpenAsync();
        await storage.WriteCheckpointAsync(new Checkpoint([New(0)], [], 0, 1), CancellationToken.None).Bounded();
        var records = Enumerable.Range(1, 200_000).Select(i => New(i, logPosition: 2)).ToArray();
        using var cancel = new CancellationTokenSource();

        var running = CancelWhileWriting(storage, cancel);
        var checkpoint = storage.WriteCheckpointAsync(new Checkpoint(records, [Key(1, 1_000)], 0, 2), cancel.Token);
        await running;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checkpoint.Bounded());
        Assert.Equal(1, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        Assert.Single(await storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync().Bounded());
        Assert.Empty(await storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync().Bounded());
        await storage.WriteCheckpointAsync(new Checkpoint(records[..10], [], 0, 3), CancellationToken.None).Bounded();
        Assert.Equal(3, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Concurrent_point_reads_during_a_checkpoint_see_whole_records()
    {
        var storage = await OpenAsync();
        var etags = await storage.WriteCheckpointAsync(new Checkpoint(Enumerable.Range(0, 2_000).Select(i => New(i)).ToArray(), [], 0, 1), CancellationToken.None).Bounded();
        var update = Enumerable.Range(0, 2_000).Select(i => New(i, logPosition: 2, seed: 7) with { ETag = etags[i] }).ToArray();

        var checkpoint = storage.WriteCheckpointAsync(new Checkpoint(update, [], 0, 2), CancellationToken.None);
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            for (var n = 0; n < 300; n++)
            {
                var i = (n * 7 + r * 13) % 2_000;
                var read = await storage.ReadAsync(State, Grain(i), CancellationToken.None);
                Assert.NotNull(read);
                Assert.Equal(read.LogPosition == 1 ? New(i).Data : New(i, seed: 7).Data, read.Data);
            }
        })).ToArray();
        await Task.WhenAll([checkpoint, .. readers]).Bounded();

        Assert.Equal(2, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }
}
