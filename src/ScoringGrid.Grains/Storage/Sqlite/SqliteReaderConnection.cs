using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// One read-only connection with its prepared commands: a point read binds three ids and steps a
/// statement compiled once (<see cref="SqliteRecordLookup"/>). Used by one caller at a time (the provider pools them).
/// </summary>
internal sealed class SqliteReaderConnection : IDisposable
{
    private readonly SqliteRecordLookup _readRecord;
    private readonly SqliteCommand _readPosition;
    private readonly SqliteCommand _firstRecordIds;
    private readonly SqliteCommand _nextRecordIds;
    private readonly SqliteCommand _readForgotten;
    private readonly SqliteCommand _keyBatches;
    private readonly SqliteCommand _keyCount;

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

            _readRecord = new SqliteRecordLookup(Connection);
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
            _readForgotten = Prepare("SELECT keys_forgotten_before_ms FROM checkpoint WHERE id = 1", commandTimeoutSeconds);
            _keyCount = Prepare(
                "SELECT coalesce(sum(key_count), 0) FROM idempotency_key_batches WHERE newest_seen_ms >= $since",
                commandTimeoutSeconds, ("$since", SqliteType.Integer));
            _keyBatches = Prepare(
                "SELECT batch_id, data FROM idempotency_key_batches WHERE newest_seen_ms >= $since AND batch_id > $after ORDER BY batch_id LIMIT $limit",
                commandTimeoutSeconds, ("$since", SqliteType.Integer), ("$after", SqliteType.Integer), ("$limit", SqliteType.Integer));
        }
        catch
        {
            _readRecord?.Dispose();
            Connection.Dispose();
            throw;
        }
    }

    /// <summary>The connection (for interrupting its running statement).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>One record, or null.</summary>
    public StoredGrainRecord? ReadRecord(string stateName, GrainId grainId) => _readRecord.Read(stateName, grainId);

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

    /// <summary>The forget cutoff of idempotency keys: keys seen before it are gone even when their batch is kept.</summary>
    public long ReadKeysForgottenBefore() => Convert.ToInt64(_readForgotten.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keys stored in the batches whose newest key was seen at or after <paramref name="seenSinceMs"/> (what a read of them sizes its window by).</summary>
    public long CountKeys(long seenSinceMs)
    {
        _keyCount.Parameters[0].Value = seenSinceMs;
        return Convert.ToInt64(_keyCount.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Up to <paramref name="limit"/> key batches whose newest key was seen at or after <paramref name="seenSinceMs"/>, after batch <paramref name="afterBatch"/>, oldest first.</summary>
    public List<(long BatchId, byte[] Data)> ReadKeyBatches(long seenSinceMs, long afterBatch, int limit)
    {
        _keyBatches.Parameters[0].Value = seenSinceMs;
        _keyBatches.Parameters[1].Value = afterBatch;
        _keyBatches.Parameters[2].Value = limit;
        var page = new List<(long, byte[])>(Math.Min(limit, 64));
        using var reader = _keyBatches.ExecuteReader();
        while (reader.Read())
        {
            page.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return page;
    }

    public void Dispose()
    {
        _readRecord?.Dispose();
        _readPosition?.Dispose();
        _firstRecordIds?.Dispose();
        _nextRecordIds?.Dispose();
        _readForgotten?.Dispose();
        _keyBatches?.Dispose();
        _keyCount?.Dispose();
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
