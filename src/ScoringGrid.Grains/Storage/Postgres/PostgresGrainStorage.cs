using System.Runtime.CompilerServices;
using Npgsql;

namespace ScoringGrid.Grains.Storage.Postgres;

/// <summary>
/// Durable grain storage in PostgreSQL, for production: one Npgsql data source (a pool of
/// connections), the schema created or migrated at start, checkpoints written in one
/// transaction by binary COPY, listings read in keyset-paginated pages.
/// </summary>
/// <remarks>
/// <para>
/// Point reads and writes are single statements on a pooled connection; Npgsql prepares them
/// automatically once used a few times on a connection. Record versions (ETags) come from one
/// sequence, so a record deleted and created again never reuses a version a stale writer holds.
/// </para>
/// <para>
/// Every statement and every connection attempt is bounded by
/// <see cref="PostgresGrainStorageOptions.CommandTimeout"/>; cancelling a call's token cancels
/// its statement on the server. When the server cannot be reached, calls fail with
/// <see cref="StorageUnavailableException"/> and the idle pooled connections are dropped, so
/// the provider reconnects by itself once the server is back. A read that fails on a broken
/// pooled connection (other than by timeout) is tried once more on a fresh one.
/// </para>
/// </remarks>
public sealed class PostgresGrainStorage : IDurableGrainStorage
{
    private const string ReadRecordSql = "SELECT data, etag, log_position FROM grain_records WHERE state_name = $1 AND grain_type = $2 AND grain_key = $3";
    private const string ReadETagSql = "SELECT etag FROM grain_records WHERE state_name = $1 AND grain_type = $2 AND grain_key = $3";

    private const string InsertRecordSql = """
        INSERT INTO grain_records (state_name, grain_type, grain_key, etag, log_position, data, updated_at)
        VALUES ($1, $2, $3, nextval('grain_record_version'), $4, $5, now())
        ON CONFLICT (state_name, grain_type, grain_key) DO NOTHING
        RETURNING etag
        """;

    private const string UpdateRecordSql = """
        UPDATE grain_records SET etag = nextval('grain_record_version'), log_position = $4, data = $5, updated_at = now()
        WHERE state_name = $1 AND grain_type = $2 AND grain_key = $3 AND etag = $6
        RETURNING etag
        """;

    private const string DeleteRecordSql = "DELETE FROM grain_records WHERE state_name = $1 AND grain_type = $2 AND grain_key = $3 AND etag = $4";

    /// <summary>Key batches read per round trip (each up to 2.6 MB).</summary>
    private const int KeyBatchPageSize = 16;

    private readonly PostgresGrainStorageOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates the provider; no connection is opened before <see cref="InitializeAsync"/>.</summary>
    public PostgresGrainStorage(PostgresGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        var seconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        settings.CommandTimeout = seconds;
        settings.Timeout = Math.Min(seconds, 1024);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
            settings.AutoPrepareMinUsages = 2;
        }

        settings.ApplicationName ??= "scoringgrid";
        Server = $"{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}";
        _dataSource = builder.Build();
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <summary>Where the provider connects: host, port and database (no credentials).</summary>
    public string Server { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await RunAsync("create or migrate the schema", retry: false, ct => PostgresSchema.MigrateAsync(_dataSource, ct), cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <inheritdoc />
    public Task<StoredGrainRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        EnsureReady();
        return RunAsync("read a record", retry: true, async ct =>
        {
            await using var command = _dataSource.CreateCommand(ReadRecordSql);
            AddKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredGrainRecord(reader.GetFieldValue<byte[]>(0), RecordRules.Format(reader.GetInt64(1)), reader.GetInt64(2));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainRecordWrite write, CancellationToken cancellationToken)
    {
        RecordRules.Validate(write);
        EnsureReady();
        return RunAsync("write a record", retry: false, async ct =>
        {
            long? version = null;
            long expected = 0;
            if (write.ETag is null || RecordRules.TryParse(write.ETag, out expected))
            {
                await using var command = _dataSource.CreateCommand(write.ETag is null ? InsertRecordSql : UpdateRecordSql);
                AddKey(command, write.StateName, write.GrainId);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.LogPosition });
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.Data });
                if (write.ETag is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
                }

                version = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as long?;
            }

            if (version is null)
            {
                throw RecordRules.Conflict("postgres", write.StateName, write.GrainId, await ReadETagAsync(write.StateName, write.GrainId, ct).ConfigureAwait(false), write.ETag);
            }

            return RecordRules.Format(version.Value);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string stateName, GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        EnsureReady();
        return RunAsync("delete a record", retry: false, async ct =>
        {
            if (etag is not null && RecordRules.TryParse(etag, out var expected))
            {
                await using var command = _dataSource.CreateCommand(DeleteRecordSql);
                AddKey(command, stateName, grainId);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
                if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                {
                    return true;
                }
            }

            var stored = await ReadETagAsync(stateName, grainId, ct).ConfigureAwait(false);
            if (etag is null && stored is null)
            {
                return true;
            }

            throw RecordRules.Conflict("postgres", stateName, grainId, stored, etag);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string[]> WriteCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        RecordRules.Validate(checkpoint);
        EnsureReady();
        return RunAsync("write a checkpoint", retry: false, async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            return await PostgresCheckpointWriter.WriteAsync(connection, checkpoint, _options.CommandTimeout, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> ReadCheckpointPositionAsync(CancellationToken cancellationToken)
    {
        EnsureReady();
        return RunAsync("read the checkpoint position", retry: true, async ct =>
        {
            await using var command = _dataSource.CreateCommand("SELECT log_position FROM checkpoint WHERE id = 1");
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long position ? position : 0L;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IdempotencyKey> ReadIdempotencyKeysAsync(long seenSinceMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EnsureReady();
        var forgotten = await RunAsync("read idempotency keys", retry: true, async ct =>
        {
            await using var command = _dataSource.CreateCommand("SELECT keys_forgotten_before_ms FROM checkpoint WHERE id = 1");
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
        var window = new KeyWindow(seenSinceMs, forgotten);
        var after = 0L;
        while (true)
        {
            var page = await RunAsync("read idempotency keys", retry: true, async ct =>
            {
                await using var command = _dataSource.CreateCommand(
                    "SELECT batch_id, data FROM idempotency_key_batches WHERE newest_seen_ms >= $1 AND batch_id > $2 ORDER BY batch_id LIMIT $3");
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = window.FromMs });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = KeyBatchPageSize });
                var rows = new List<(long BatchId, byte[] Data)>(KeyBatchPageSize);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
                }

                return rows;
            }, cancellationToken).ConfigureAwait(false);

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
        EnsureReady();
        (string StateName, GrainId GrainId)? after = null;
        var limit = _options.PageSize;
        while (true)
        {
            var page = await RunAsync("read record ids", retry: true, async ct =>
            {
                await using var command = _dataSource.CreateCommand(after is null
                    ? "SELECT state_name, grain_type, grain_key FROM grain_records ORDER BY state_name, grain_type, grain_key LIMIT $1"
                    : """
                      SELECT state_name, grain_type, grain_key FROM grain_records
                      WHERE (state_name, grain_type, grain_key) > ($2, $3, $4)
                      ORDER BY state_name, grain_type, grain_key LIMIT $1
                      """);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
                if (after is { } last)
                {
                    AddKey(command, last.StateName, last.GrainId);
                }

                var rows = new List<(string, GrainId)>(Math.Min(limit, 1024));
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), new GrainId(reader.GetString(1), reader.GetString(2))));
                }

                return rows;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var id in page)
            {
                yield return id;
            }

            if (page.Count < limit)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return RunAsync("be reached", retry: true, async ct =>
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
    }

    private async Task<long?> ReadETagAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadETagSql);
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    private void EnsureReady()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("PostgresGrainStorage.InitializeAsync must be called before the storage is used.");
        }
    }

    /// <summary>
    /// Runs one operation, turning failures to reach the server into
    /// <see cref="StorageUnavailableException"/> (after dropping the idle pooled connections,
    /// which are likely broken too). A read is tried once more on a fresh connection, unless it
    /// already waited its full timeout.
    /// </summary>
    private async Task<T> RunAsync<T>(string operation, bool retry, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"postgres storage: {operation} was cancelled.", e, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && PostgresFailures.IsUnavailable(e))
            {
                _dataSource.Clear();
                if (retry && attempt == 1 && !PostgresFailures.IsTimeout(e))
                {
                    continue;
                }

                throw PostgresFailures.Unavailable(Server, operation, e);
            }
        }
    }
}
