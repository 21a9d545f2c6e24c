using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// Durable grain storage in one SQLite file: the embedded default, nothing to set up.
/// </summary>
/// <remarks>
/// <para>
/// The database runs in WAL journal mode: point reads go to a small pool of read-only
/// connections, each with its statements compiled once, and proceed while a checkpoint is
/// being written by the single writer connection (guarded by a gate, so one write transaction
/// runs at a time).
/// </para>
/// <para>
/// Durability: the writer connection uses <c>synchronous=FULL</c>, so every commit syncs the
/// WAL file and a checkpoint is on disk when <see cref="WriteCheckpointAsync"/> returns (the
/// server deletes the log segments a checkpoint covers right after). The cost is one sync per
/// transaction; the server writes grain state by checkpoints, so that is one sync per checkpoint.
/// </para>
/// <para>
/// Time bounds: waiting for the database lock (<c>busy_timeout</c>), for the writer gate and
/// for a free reader connection is bounded by <see cref="SqliteGrainStorageOptions.CommandTimeout"/>.
/// Cancelling a call's token interrupts its running statement (<c>sqlite3_interrupt</c>);
/// a checkpoint interrupted that way is rolled back whole.
/// </para>
/// <para>
/// Point reads run on the calling thread (they take microseconds); writes and checkpoints
/// run on the thread pool, so a caller is not blocked while a large checkpoint is written.
/// </para>
/// </remarks>
public sealed class SqliteGrainStorage : IDurableGrainStorage
{
    private const int PageSize = 4096;
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<SqliteReaderConnection> _idleReaders = [];
    private readonly List<SqliteReaderConnection> _allReaders = [];
    private SemaphoreSlim? _readGate;
    private SqliteWriterConnection? _writer;
    private volatile bool _disposed;

    /// <summary>Creates the provider; nothing is opened before <see cref="InitializeAsync"/>.</summary>
    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        DataSource = Path.GetFullPath(options.DataSource);
        _timeoutSeconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = _timeoutSeconds,
        }.ToString();
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <summary>Full path of the database file.</summary>
    public string DataSource { get; }

    /// <summary>The journal mode in force (<c>wal</c> once initialized).</summary>
    public string JournalMode { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await EnterWriterAsync(cancellationToken, forInitialize: true).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                Guard("migrate the schema", () => SqliteSchema.Migrate(_writer.Connection, _timeoutSeconds), _writer.Connection, cancellationToken);
                return;
            }

            Guard("open the database", () =>
            {
                Open(cancellationToken);
                return true;
            }, connection: null, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<StoredGrainRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Guard("read a record", () => reader.ReadRecord(stateName, grainId), reader.Connection, cancellationToken);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainRecordWrite write, CancellationToken cancellationToken)
    {
        RecordRules.Validate(write);
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Guard("write a record", () =>
            {
                writer.Begin();
                try
                {
                    var version = writer.Write(write, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    writer.Commit();
                    return RecordRules.Format(version);
                }
                catch
                {
                    writer.Rollback();
                    throw;
                }
            }, writer.Connection, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string stateName, GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Guard("delete a record", () =>
            {
                writer.Delete(stateName, grainId, etag);
                return true;
            }, writer.Connection, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<string[]> WriteCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        RecordRules.ValidateRecords(checkpoint);

        // Written in key order: B-tree inserts then walk the table once instead of jumping around it
        // (the order also finds a record named twice, before anything is written).
        var order = RecordOrder.Of(checkpoint.Records);
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Guard("write a checkpoint", () =>
            {
                var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var records = checkpoint.Records;
                var etags = new string[records.Count];
                writer.Begin();
                try
                {
                    for (var n = 0; n < order.Length; n++)
                    {
                        if ((n & 1023) == 1023)
                        {
                            CheckpointProgress?.Invoke(n + 1);
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        var i = order[n];
                        etags[i] = RecordRules.Format(writer.Write(records[i], nowMs));
                    }

                    writer.AddKeys(checkpoint.AddedKeys);

                    writer.ForgetKeys(checkpoint.ForgetKeysSeenBeforeMs);
                    writer.StorePosition(checkpoint.LogPosition, nowMs);
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Commit();
                    return etags;
                }
                catch
                {
                    writer.Rollback();
                    throw;
                }
            }, writer.Connection, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Test hook: called with the number of records written so far, every 1,024 records of a checkpoint.</summary>
    internal Action<int>? CheckpointProgress { get; set; }

    /// <inheritdoc />
    public async Task<long> ReadCheckpointPositionAsync(CancellationToken cancellationToken)
    {
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Guard("read the checkpoint position", reader.ReadPosition, reader.Connection, cancellationToken);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <summary>Key batches read per round trip (each up to 2.6 MB).</summary>
    private const int KeyBatchPageSize = 16;

    /// <inheritdoc />
    public async IAsyncEnumerable<IdempotencyKey> ReadIdempotencyKeysAsync(long seenSinceMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        KeyWindow? window = null;
        var after = long.MinValue;
        while (true)
        {
            var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
            List<(long BatchId, byte[] Data)> page;
            try
            {
                if (window is null)
                {
                    var forgotten = Guard("read idempotency keys", reader.ReadKeysForgottenBefore, reader.Connection, cancellationToken);
                    var stored = Guard("count idempotency keys", () => reader.CountKeys(Math.Max(seenSinceMs, forgotten)), reader.Connection, cancellationToken);
                    window = new KeyWindow(seenSinceMs, forgotten, (int)Math.Min(stored, KeyWindow.MaxPresized));
                }

                page = Guard("read idempotency keys", () => reader.ReadKeyBatches(window.FromMs, after, KeyBatchPageSize), reader.Connection, cancellationToken);
            }
            finally
            {
                ReturnReader(reader);
            }

            foreach (var (_, data) in page)
            {
                foreach (var key in window.Filter(data))
                {
                    yield return key;
                }
            }

            if (page.Count < KeyBatchPageSize)
            {
                yield break;
            }

            after = page[^1].BatchId;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(string StateName, GrainId GrainId)> ReadRecordIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (string StateName, GrainId GrainId)? after = null;
        while (true)
        {
            var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
            List<(string StateName, GrainId GrainId)> page;
            try
            {
                page = Guard("read record ids", () => reader.ReadRecordIds(after, PageSize), reader.Connection, cancellationToken);
            }
            finally
            {
                ReturnReader(reader);
            }

            foreach (var id in page)
            {
                yield return id;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(DataSource))
        {
            throw new StorageUnavailableException($"sqlite storage at {DataSource} could not be reached: the database file is gone.");
        }

        await ReadCheckpointPositionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Waits (bounded) for a write in progress so its transaction is not cut short by the close.
        var entered = await _writeGate.WaitAsync(_options.CommandTimeout).ConfigureAwait(false);
        try
        {
            _writer?.Dispose();
            _writer = null;
            lock (_allReaders)
            {
                foreach (var reader in _allReaders)
                {
                    reader.Dispose();
                }

                _allReaders.Clear();
            }
        }
        finally
        {
            if (entered)
            {
                _writeGate.Release();
            }
        }
    }

    private void Open(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        SqliteWriterConnection? writer = null;
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandTimeout = _timeoutSeconds;
                pragmas.CommandText = $"PRAGMA busy_timeout = {_timeoutSeconds * 1000}";
                pragmas.ExecuteNonQuery();
                pragmas.CommandText = "PRAGMA journal_mode = WAL";
                JournalMode = Convert.ToString(pragmas.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                if (!string.Equals(JournalMode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageUnavailableException(
                        $"sqlite storage at {DataSource} could not enable WAL journal mode (the file system may not support the shared memory it needs); journal mode is '{JournalMode}'.");
                }

                // FULL in WAL mode: each commit syncs the WAL, so a checkpoint is durable when it returns.
                pragmas.CommandText = $"PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 67108864; PRAGMA cache_size = -{_options.WriteCacheMegabytes * 1024};";
                pragmas.ExecuteNonQuery();
            }

            cancellationToken.ThrowIfCancellationRequested();
            SqliteSchema.Migrate(connection, _timeoutSeconds);
            writer = new SqliteWriterConnection(connection, _timeoutSeconds);
            var readers = new List<SqliteReaderConnection>(_options.ReadConnections);
            try
            {
                for (var i = 0; i < _options.ReadConnections; i++)
                {
                    readers.Add(new SqliteReaderConnection(_connectionString, _timeoutSeconds, _options.ReadCacheMegabytes));
                }
            }
            catch
            {
                readers.ForEach(r => r.Dispose());
                throw;
            }

            lock (_allReaders)
            {
                _allReaders.AddRange(readers);
            }

            foreach (var reader in readers)
            {
                _idleReaders.Add(reader);
            }

            _readGate = new SemaphoreSlim(readers.Count, readers.Count);
            _writer = writer;
        }
        catch
        {
            if (writer is not null)
            {
                writer.Dispose();
            }
            else
            {
                connection.Dispose();
            }

            throw;
        }
    }

    private async ValueTask<SqliteWriterConnection> EnterWriterAsync(CancellationToken cancellationToken, bool forInitialize = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!await _writeGate.WaitAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageUnavailableException(
                $"sqlite storage at {DataSource} could not start a write: another write held the writer for longer than the command timeout ({_options.CommandTimeout}).");
        }

        if (_disposed)
        {
            _writeGate.Release();
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        }

        if (_writer is null && !forInitialize)
        {
            _writeGate.Release();
            throw new InvalidOperationException("SqliteGrainStorage.InitializeAsync must be called before the storage is used.");
        }

        return _writer!;
    }

    private async ValueTask<SqliteReaderConnection> RentReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var gate = _readGate ?? throw new InvalidOperationException("SqliteGrainStorage.InitializeAsync must be called before the storage is used.");
        if (!gate.Wait(0) && !await gate.WaitAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageUnavailableException(
                $"sqlite storage at {DataSource} could not start a read: every reader connection stayed busy for longer than the command timeout ({_options.CommandTimeout}).");
        }

        if (_disposed || !_idleReaders.TryTake(out var reader))
        {
            gate.Release();
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        }

        return reader;
    }

    private void ReturnReader(SqliteReaderConnection reader)
    {
        _idleReaders.Add(reader);
        _readGate!.Release();
    }

    /// <summary>
    /// Runs <paramref name="action"/>, interrupting it when the token is cancelled, and turns
    /// failures to reach the database into <see cref="StorageUnavailableException"/>.
    /// </summary>
    private T Guard<T>(string operation, Func<T> action, SqliteConnection? connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var registration = connection is null ? default : SqliteTransactions.InterruptOnCancel(connection, cancellationToken);
        try
        {
            return action();
        }
        catch (SqliteException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"sqlite storage: {operation} was cancelled.", e, cancellationToken);
        }
        catch (Exception e) when (SqliteFailures.IsUnavailable(e))
        {
            throw SqliteFailures.Unavailable(DataSource, operation, e);
        }
        finally
        {
            registration.Dispose();
        }
    }
}
