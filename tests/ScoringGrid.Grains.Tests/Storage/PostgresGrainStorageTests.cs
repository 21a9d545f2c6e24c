using Npgsql;
using ScoringGrid.Grains.Storage.Postgres;
using ScoringGrid.TestSupport;
using static ScoringGrid.Grains.Tests.Storage.StorageTestData;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>
/// The provider contract on PostgreSQL: one server for the class (a local cluster, or
/// SCORINGGRID_TEST_POSTGRES), a new database per test.
/// </summary>
public sealed class PostgresGrainStorageTests(PostgresServer server) : DurableGrainStorageContract, IClassFixture<PostgresServer>
{
    private string _connectionString = string.Empty;

    public override async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync().Bounded();

    // A small page size so that listings span several pages.
    protected override IDurableGrainStorage Create() =>
        new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = _connectionString, CommandTimeout = TimeSpan.FromSeconds(30), PageSize = 1_000 });

    [Fact(Timeout = TestTimeout)]
    public async Task The_schema_is_versioned()
    {
        await OpenAsync();
        await OpenAsync();

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt32(1));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Servers_starting_together_migrate_one_after_the_other()
    {
        var storages = Enumerable.Range(0, 4).Select(_ => Create()).ToArray();
        try
        {
            await Task.WhenAll(storages.Select(s => s.InitializeAsync(CancellationToken.None))).Bounded();
            var etag = await storages[0].WriteAsync(New(1), CancellationToken.None).Bounded();
            Assert.Equal(etag, (await storages[3].ReadAsync(State, Grain(1), CancellationToken.None).Bounded())!.ETag);
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_statement_blocked_past_the_command_timeout_fails_as_unavailable()
    {
        await using var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = _connectionString, CommandTimeout = TimeSpan.FromSeconds(2) });
        await storage.InitializeAsync(CancellationToken.None).Bounded();
        await using var holder = new NpgsqlConnection(_connectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE grain_records IN ACCESS EXCLUSIVE MODE", holder, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
        var waited = clock.Elapsed;

        Assert.InRange(waited, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Contains("postgres", error.Message);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        clock.Restart();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.ReadAsync(State, Grain(1), cancel.Token).Bounded());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.8));

        await transaction.RollbackAsync();
        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Nothing_listening_is_unavailable_naming_the_provider_and_the_cause()
    {
        var nowhere = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = FreePort.Pick(), Username = "postgres", Database = "none" }.ConnectionString;
        await using var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = nowhere, CommandTimeout = TimeSpan.FromSeconds(2) });

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None).Bounded());
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.PingAsync(CancellationToken.None).Bounded());

        Assert.Contains("postgres", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
