using Microsoft.Data.Sqlite;
using ScoringGrid.Grains.Storage.Sqlite;
using ScoringGrid.TestSupport;
using static ScoringGrid.Grains.Tests.Storage.StorageTestData;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>The provider contract, and what is particular to SQLite, on a new file per test.</summary>
public sealed class SqliteGrainStorageTests : DurableGrainStorageContract, IDisposable
{
    private readonly TempDirectory _directory = new("sg-sqlite-");

    public SqliteGrainStorageTests()
    {
        DatabasePath = _directory.Combine("nested", "deeper", "grains.db");
    }

    private string DatabasePath { get; }

    public void Dispose() => _directory.Dispose();

    /// <summary>Cancels once 10,240 records are written: in the middle of the write, whatever the machine's speed.</summary>
    protected override Task CancelWhileWriting(IDurableGrainStorage storage, CancellationTokenSource cancel)
    {
        ((SqliteGrainStorage)storage).CheckpointProgress = written =>
        {
            if (written >= 10_240)
            {
                cancel.Cancel();
            }
        };
        return Task.CompletedTask;
    }

    protected override IDurableGrainStorage Create() =>
        new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = DatabasePath, CommandTimeout = TimeSpan.FromSeconds(10), ReadConnections = 3 });

    [Fact(Timeout = TestTimeout)]
    public async Task The_file_and_its_directories_are_created_on_first_start()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(DatabasePath)));

        var storage = (SqliteGrainStorage)await OpenAsync();

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(DatabasePath, storage.DataSource);
        Assert.Equal("sqlite", storage.Name);
    }

    /// <summary>
    /// Each stored key batch holds exactly its keys: the batches are encoded one after another in
    /// room that is reused, and a shorter batch after a longer one must not carry the older bytes.
    /// Here every key is a run of its own (its own time and log position): 4 + 48 bytes a key.
    /// </summary>
    [Fact(Timeout = TestTimeout)]
    public async Task Every_stored_key_batch_holds_exactly_its_count_of_keys()
    {
        const int PerKey = IdempotencyKeyBatch.RunHeaderSize + IdempotencyKeyBatch.RunKeySize;
        var storage = await OpenAsync();
        var many = Enumerable.Range(0, IdempotencyKeyBatch.MaxKeysPerBatch + 5).Select(i => Key(i, seenAtMs: 1_000_000 + i)).ToArray();
        await storage.WriteCheckpointAsync(new Checkpoint([], many, 0, 10), CancellationToken.None).Bounded();
        await storage.WriteCheckpointAsync(new Checkpoint([], [Key(many.Length, seenAtMs: 2_000_000)], 0, 20), CancellationToken.None).Bounded();

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_count, length(data) FROM idempotency_key_batches ORDER BY rowid";
        var rows = new List<(long Count, long Bytes)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal([(IdempotencyKeyBatch.MaxKeysPerBatch, 4 + (IdempotencyKeyBatch.MaxKeysPerBatch * PerKey)), (5, 4 + (5 * PerKey)), (1, 4 + PerKey)], rows);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task The_database_is_in_WAL_journal_mode()
    {
        var storage = (SqliteGrainStorage)await OpenAsync();
        await storage.WriteAsync(New(1), CancellationToken.None).Bounded();

        Assert.Equal("wal", storage.JournalMode);
        Assert.True(File.Exists(DatabasePath + "-wal"), "the write-ahead log file exists while the database is open");
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM grain_records";
        Assert.Equal(1L, command.ExecuteScalar());
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_database_whose_directory_cannot_be_made_is_unavailable_naming_the_provider_and_cause()
    {
        // A file stands where the database's directory should be.
        File.WriteAllText(_directory.Combine("blocker"), "not a directory");
        await using var storage = new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = _directory.Combine("blocker", "grains.db") });

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None).Bounded());

        Assert.Contains("sqlite", error.Message);
        Assert.Contains("blocker", error.Message);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_file_that_is_not_a_database_is_unavailable_not_a_crash()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await File.WriteAllBytesAsync(DatabasePath, Payload(1, 8192));
        await using var storage = Create();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None).Bounded());

        Assert.Contains("sqlite", error.Message);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_write_blocked_by_another_process_lock_fails_as_unavailable_within_the_timeout()
    {
        await using var storage = new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = DatabasePath, CommandTimeout = TimeSpan.FromSeconds(1) });
        await storage.InitializeAsync(CancellationToken.None).Bounded();
        using var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteAsync(New(1), CancellationToken.None).Bounded());

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains("locked", error.Message);
        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        // Reads were never blocked, and the write goes through once the lock is gone.
        Assert.Null(await storage.ReadAsync(State, Grain(1), CancellationToken.None).Bounded());
        await storage.WriteAsync(New(1), CancellationToken.None).Bounded();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Ping_fails_when_the_database_file_is_gone()
    {
        var storage = await OpenAsync();
        await storage.PingAsync(CancellationToken.None).Bounded();

        File.Delete(DatabasePath);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.PingAsync(CancellationToken.None).Bounded());
    }
}
