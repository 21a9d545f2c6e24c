using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// One read-only connection with its prepared commands: a point read binds three parameters
/// and steps a statement compiled once. Used by one caller at a time (the provider pools them).
/// </summary>
internal sealed class SqliteReaderConnection : IDisposable
{
    private readonly SqliteCommand _readRecord;
    private readonly SqliteCommand _readPosition;
    private readonly SqliteCommand _firstRecordIds;
    private readonly SqliteCommand _nextRecordIds;
    private readonly SqliteCommand _firstKeys;
    private readonly SqliteCommand _nextKeys;

    public SqliteReaderConnection(string connectionString, int commandTimeoutSeconds, int cacheMegabytes)
    {
        Connection = new SqliteConnection(connectionString);
        try
        {
            Connection.Open();
            using (var pragmas = Connection.CreateCommand())
            {
                pragmas.CommandText = $"PRAGMA busy_timeout = {commandTimeoutSeconds * 1000}; PRAGMA query_only = ON; PRAGMA cache_size = -{cacheMegabytes * 1024};";
                pragmas.ExecuteNonQuery();
            }

            _readRecord = Prepare(
                "SELECT data, etag, log_position FROM grain_records WHERE state_name = $s AND grain_type = $t AND grain_key = $k",
                commandTimeoutSeconds, ("$s", SqliteType.Text), ("$t", SqliteType.Text), ("$k", SqliteType.Text));
            _readPosition = Prepare("SELECT log_position FROM checkpoint WHERE id = 1", commandTimeoutSeconds);
            _firstRecordIds = Prepare(
                "SELECT state_name, grain_type, grain_key FROM grain_records ORDER BY state_name, grain_type, grain_key LIMIT $limit",
                commandTimeoutSeconds, ("$limit", SqliteType.Integer));
            _nextRecordIds = Prepare(
                """
                SELECT state_name, grain_type, grain_key FROM grain_records
                WHERE (state_name, grain_type, grain_key) > ($s, $t, $k)
                ORDER BY state_name, grain_type, grain_key LIMIT $limit
                """,
                commandTimeoutSeconds, ("$s", SqliteType.Text), ("$t", SqliteType.Text), ("$k", SqliteType.Text), ("$limit", SqliteType.Integer));
            const string keyColumns = "key_high, key_low, owner_hash, seen_at_ms, log_position";
            _firstKeys = Prepare(
                $"SELECT {keyColumns} FROM idempotency_keys WHERE seen_at_ms >= $since ORDER BY key_high, key_low LIMIT $limit",
                commandTimeoutSeconds, ("$since", SqliteType.Integer), ("$limit", SqliteType.Integer));
            _nextKeys = Prepare(
                $"SELECT {keyColumns} FROM idempotency_keys WHERE seen_at_ms >= $since AND (key_high, key_low) > ($high, $low) ORDER BY key_high, key_low LIMIT $limit",
                commandTimeoutSeconds, ("$since", SqliteType.Integer), ("$high", SqliteType.Integer), ("$low", SqliteType.Integer), ("$limit", SqliteType.Integer));
        }
        catch
        {
            Connection.Dispose();
            throw;
        }
    }

    /// <summary>The connection (for interrupting its running statement).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>One record, or null.</summary>
    public StoredGrainRecord? ReadRecord(string stateName, GrainId grainId)
    {
        var parameters = _readRecord.Parameters;
        parameters[0].Value = stateName;
        parameters[1].Value = grainId.Type;
        parameters[2].Value = grainId.Key;
        using var reader = _readRecord.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new StoredGrainRecord(reader.GetFieldValue<byte[]>(0), SqliteRecordRules.Format(reader.GetInt64(1)), reader.GetInt64(2));
    }

    /// <summary>The stored checkpoint position.</summary>
    public long ReadPosition()
    {
        using var reader = _readPosition.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    /// <summary>Up to <paramref name="limit"/> record identities after <paramref name="after"/> (from the first when null), in key order.</summary>
    public List<(string StateName, GrainId GrainId)> ReadRecordIds((string StateName, GrainId GrainId)? after, int limit)
    {
        SqliteCommand command;
        if (after is { } last)
        {
            command = _nextRecordIds;
            command.Parameters[0].Value = last.StateName;
            command.Parameters[1].Value = last.GrainId.Type;
            command.Parameters[2].Value = last.GrainId.Key;
            command.Parameters[3].Value = limit;
        }
        else
        {
            command = _firstRecordIds;
            command.Parameters[0].Value = limit;
        }

        var page = new List<(string, GrainId)>(Math.Min(limit, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add((reader.GetString(0), new GrainId(reader.GetString(1), reader.GetString(2))));
        }

        return page;
    }

    /// <summary>Up to <paramref name="limit"/> keys seen at or after <paramref name="seenSinceMs"/>, after <paramref name="after"/> in hash order.</summary>
    public List<IdempotencyKey> ReadKeys(long seenSinceMs, IdempotencyKey? after, int limit)
    {
        SqliteCommand command;
        if (after is { } last)
        {
            command = _nextKeys;
            command.Parameters[0].Value = seenSinceMs;
            command.Parameters[1].Value = last.HashHigh;
            command.Parameters[2].Value = last.HashLow;
            command.Parameters[3].Value = limit;
        }
        else
        {
            command = _firstKeys;
            command.Parameters[0].Value = seenSinceMs;
            command.Parameters[1].Value = limit;
        }

        var page = new List<IdempotencyKey>(Math.Min(limit, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(IdempotencyKey.FromColumns(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return page;
    }

    public void Dispose()
    {
        _readRecord?.Dispose();
        _readPosition?.Dispose();
        _firstRecordIds?.Dispose();
        _nextRecordIds?.Dispose();
        _firstKeys?.Dispose();
        _nextKeys?.Dispose();
        Connection.Dispose();
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
