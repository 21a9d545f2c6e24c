using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// The one connection that writes, with its prepared commands and the record version counter
/// (loaded at open, advanced for every write, stored in the transaction that uses it). Used by
/// one caller at a time (the provider's writer gate).
/// </summary>
internal sealed class SqliteWriterConnection : IDisposable
{
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteRecordStatement _insertRecord;
    private readonly SqliteRecordStatement _updateRecord;
    private readonly SqliteCommand _readETag;
    private readonly SqliteCommand _deleteRecord;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommand _forgetKeys;
    private readonly SqliteCommand _storePosition;
    private readonly SqliteCommand _storeVersion;
    private long _lastVersion;
    private byte[]? _keyBuffer; // a checkpoint's key batches are encoded here one at a time

    public SqliteWriterConnection(SqliteConnection connection, int commandTimeoutSeconds)
    {
        Connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE", commandTimeoutSeconds);
        _commit = Prepare("COMMIT", commandTimeoutSeconds);
        var identity = new (string, SqliteType)[] { ("$s", SqliteType.Text), ("$t", SqliteType.Text), ("$k", SqliteType.Text) };
        _insertRecord = new SqliteRecordStatement(
            connection,
            """
            INSERT INTO grain_records (state_name, grain_type, grain_key, etag, log_position, data, updated_at_ms)
            VALUES ($s, $t, $k, $version, $position, $data, $now)
            ON CONFLICT DO NOTHING
            """);
        _updateRecord = new SqliteRecordStatement(
            connection,
            """
            UPDATE grain_records SET etag = $version, log_position = $position, data = $data, updated_at_ms = $now
            WHERE state_name = $s AND grain_type = $t AND grain_key = $k AND etag = $expected
            """);
        _readETag = Prepare(
            "SELECT etag FROM grain_records WHERE state_name = $s AND grain_type = $t AND grain_key = $k",
            commandTimeoutSeconds, identity);
        _deleteRecord = Prepare(
            "DELETE FROM grain_records WHERE state_name = $s AND grain_type = $t AND grain_key = $k AND etag = $expected",
            commandTimeoutSeconds, [.. identity, ("$expected", SqliteType.Integer)]);
        _insertKey = Prepare(
            """
            INSERT INTO idempotency_key_batches (newest_seen_ms, key_count, data) VALUES ($newest, $count, $data)
            """,
            commandTimeoutSeconds, ("$newest", SqliteType.Integer), ("$count", SqliteType.Integer), ("$data", SqliteType.Blob));
        _forgetKeys = Prepare(
            """
            DELETE FROM idempotency_key_batches WHERE newest_seen_ms < $before;
            UPDATE checkpoint SET keys_forgotten_before_ms = max(keys_forgotten_before_ms, $before) WHERE id = 1;
            """,
            commandTimeoutSeconds, ("$before", SqliteType.Integer));
        _storePosition = Prepare(
            "UPDATE checkpoint SET log_position = $position, updated_at_ms = $now WHERE id = 1",
            commandTimeoutSeconds, ("$position", SqliteType.Integer), ("$now", SqliteType.Integer));
        _storeVersion = Prepare("UPDATE record_version SET last_version = $version WHERE id = 1", commandTimeoutSeconds, ("$version", SqliteType.Integer));
        using var load = connection.CreateCommand();
        load.CommandText = "SELECT last_version FROM record_version WHERE id = 1";
        _lastVersion = Convert.ToInt64(load.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Opens an immediate transaction (takes the database's write lock, waiting up to the busy timeout).</summary>
    public void Begin() => _begin.ExecuteNonQuery();

    /// <summary>Stores the version counter and commits.</summary>
    public void Commit()
    {
        _storeVersion.Parameters[0].Value = _lastVersion;
        _storeVersion.ExecuteNonQuery();
        _commit.ExecuteNonQuery();
    }

    /// <summary>Rolls back the open transaction, if any. The version counter keeps its value: unused versions are only a gap.</summary>
    public void Rollback() => SqliteTransactions.RollbackIfOpen(Connection);

    /// <summary>Writes one record inside the open transaction; returns its new version or throws the conflict.</summary>
    public long Write(GrainRecordWrite write, long nowMs)
    {
        long expected = 0;
        if (write.ETag is not null && !RecordRules.TryParse(write.ETag, out expected))
        {
            throw RecordRules.Conflict("sqlite", write.StateName, write.GrainId, ReadETag(write.StateName, write.GrainId), write.ETag);
        }

        var version = _lastVersion + 1;
        var statement = write.ETag is null ? _insertRecord : _updateRecord;
        if (statement.Execute(write, version, nowMs, expected) != 1)
        {
            throw RecordRules.Conflict("sqlite", write.StateName, write.GrainId, ReadETag(write.StateName, write.GrainId), write.ETag);
        }

        _lastVersion = version;
        return version;
    }

    /// <summary>Deletes one record (autocommit); throws the conflict when the ETag does not match.</summary>
    public void Delete(string stateName, GrainId grainId, string? etag)
    {
        if (etag is null || !RecordRules.TryParse(etag, out var expected))
        {
            var stored = ReadETag(stateName, grainId);
            if (etag is null && stored is null)
            {
                return;
            }

            throw RecordRules.Conflict("sqlite", stateName, grainId, stored, etag);
        }

        var parameters = _deleteRecord.Parameters;
        parameters[0].Value = stateName;
        parameters[1].Value = grainId.Type;
        parameters[2].Value = grainId.Key;
        parameters[3].Value = expected;
        if (_deleteRecord.ExecuteNonQuery() != 1)
        {
            throw RecordRules.Conflict("sqlite", stateName, grainId, ReadETag(stateName, grainId), etag);
        }
    }

    /// <summary>Adds the idempotency keys of a checkpoint, packed in batches, inside the open transaction.</summary>
    public void AddKeys(IReadOnlyList<IdempotencyKey> keys)
    {
        var parameters = _insertKey.Parameters;
        var buffer = _keyBuffer ??= new byte[IdempotencyKeyBatch.BatchBytes];
        foreach (var (newest, count, length) in IdempotencyKeyBatch.EncodeInto(keys, buffer))
        {
            // The statement binds a copy of the first Size bytes (SQLite copies a blob it is given), so the buffer is reused.
            parameters[0].Value = newest;
            parameters[1].Value = count;
            parameters[2].Value = buffer;
            parameters[2].Size = length;
            _insertKey.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets the keys seen before <paramref name="seenBeforeMs"/> (their batches, and a cutoff for the batches kept), inside the open transaction.</summary>
    public void ForgetKeys(long seenBeforeMs)
    {
        _forgetKeys.Parameters[0].Value = seenBeforeMs;
        _forgetKeys.ExecuteNonQuery();
    }

    /// <summary>Stores the checkpoint position inside the open transaction.</summary>
    public void StorePosition(long position, long nowMs)
    {
        _storePosition.Parameters[0].Value = position;
        _storePosition.Parameters[1].Value = nowMs;
        _storePosition.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _readETag, _deleteRecord, _insertKey, _forgetKeys, _storePosition, _storeVersion })
        {
            command.Dispose();
        }

        _insertRecord.Dispose();
        _updateRecord.Dispose();

        Connection.Dispose();
    }

    private long? ReadETag(string stateName, GrainId grainId)
    {
        var parameters = _readETag.Parameters;
        parameters[0].Value = stateName;
        parameters[1].Value = grainId.Type;
        parameters[2].Value = grainId.Key;
        return _readETag.ExecuteScalar() is long stored ? stored : null;
    }

    private SqliteCommand Prepare(string sql, int commandTimeoutSeconds, params (string Name, SqliteType Type)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = commandTimeoutSeconds;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
