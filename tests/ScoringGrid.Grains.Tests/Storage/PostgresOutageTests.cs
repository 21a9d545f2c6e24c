using System.Diagnostics;
using ScoringGrid.Grains.Storage.Postgres;
using ScoringGrid.TestSupport;
using static ScoringGrid.Grains.Tests.Storage.StorageTestData;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>PostgreSQL stopped under a running provider, then started again: on a cluster of its own.</summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(3);
    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartNewAsync(requireLocalCluster: true).Bounded();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Calls_fail_as_unavailable_while_the_server_is_down_and_succeed_once_it_is_back()
    {
        var server = _server!;
        await using var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = server.ConnectionString, CommandTimeout = CommandTimeout });
        await storage.InitializeAsync(CancellationToken.None).Bounded();
        var etag = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();
        await storage.WriteCheckpointAsync(new Checkpoint([New(2)], [Key(1, 1_000)], 0, 5), CancellationToken.None).Bounded();

        await server.StopAsync().Bounded();

        foreach (var (name, call) in new (string, Func<Task>)[]
        {
            ("ping", () => storage.PingAsync(CancellationToken.None)),
            ("read", () => storage.ReadAsync(State, Grain(1), CancellationToken.None)),
            ("write", () => storage.WriteAsync(New(1, seed: 1) with { ETag = etag }, CancellationToken.None)),
            ("delete", () => storage.DeleteAsync(State, Grain(9), null, CancellationToken.None)),
            ("checkpoint", () => storage.WriteCheckpointAsync(new Checkpoint([New(3)], [], 0, 6), CancellationToken.None)),
            ("position", () => storage.ReadCheckpointPositionAsync(CancellationToken.None)),
            ("keys", () => storage.ReadIdempotencyKeysAsync(0, CancellationToken.None).ToListAsync()),
            ("ids", () => storage.ReadRecordIdsAsync(CancellationToken.None).ToListAsync()),
        })
        {
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => call().Bounded());
            Assert.True(clock.Elapsed < CommandTimeout, $"{name} failed after {clock.Elapsed}, beyond the command timeout {CommandTimeout}");
            Assert.Contains("postgres", error.Message);
        }

        await server.StartAsync().Bounded();

        await storage.PingAsync(CancellationToken.None).Bounded();
        Assert.Equal(etag, (await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
        Assert.Equal(5, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
        Assert.Null(await storage.ReadAsync(State, Grain(3), CancellationToken.None).Bounded());
        await storage.WriteAsync(New(1, seed: 1) with { ETag = etag }, CancellationToken.None).Bounded();
        await storage.WriteCheckpointAsync(new Checkpoint([New(3)], [], 0, 6), CancellationToken.None).Bounded();
        Assert.Equal(6, await storage.ReadCheckpointPositionAsync(CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Idle_pooled_connections_broken_by_a_restart_do_not_fail_the_first_reads_after_it()
    {
        var server = _server!;
        await using var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = server.ConnectionString, CommandTimeout = CommandTimeout });
        await storage.InitializeAsync(CancellationToken.None).Bounded();
        var etag = await storage.WriteAsync(New(1), CancellationToken.None).Bounded();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => storage.ReadAsync(State, Grain(1), CancellationToken.None))).Bounded();

        // No call while it is down: the pool still holds the connections of before.
        await server.StopAsync().Bounded();
        await server.StartAsync().Bounded();

        await storage.PingAsync(CancellationToken.None).Bounded();
        Assert.Equal(etag, (await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
    }
}
