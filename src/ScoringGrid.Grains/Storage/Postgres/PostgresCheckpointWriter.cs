using Npgsql;
using NpgsqlTypes;

namespace ScoringGrid.Grains.Storage.Postgres;

/// <summary>
/// Writes a checkpoint in one transaction, in a fixed number of round trips whatever its size:
/// record versions are drawn from the sequence at once, records and keys are sent by binary
/// COPY into a temporary table, then applied by one UPDATE (ETag matches) and one INSERT (new
/// records); the idempotency keys go in as a few packed batches (<see cref="IdempotencyKeyBatch"/>). A count that falls short means a conflict: the first
/// conflicting record is looked up, the transaction rolled back, and the conflict thrown.
/// </summary>
internal static class PostgresCheckpointWriter
{
    /// <summary>Checkpoints with at least this many records get statistics on their temporary table before it is joined.</summary>
    private const int AnalyzeThreshold = 1000;

    public static async Task<string[]> WriteAsync(NpgsqlConnection connection, Checkpoint checkpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var records = checkpoint.Records;
        var etags = new string[records.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (records.Count > 0)
        {
            var versions = await DrawVersionsAsync(connection, records.Count, cancellationToken).ConfigureAwait(false);
            await CopyRecordsAsync(connection, records, versions, timeout, cancellationToken).ConfigureAwait(false);
            if (records.Count >= AnalyzeThreshold)
            {
                await ExecuteAsync(connection, "ANALYZE checkpoint_records", cancellationToken).ConfigureAwait(false);
            }

            var expectedUpdates = 0;
            foreach (var record in records)
            {
                expectedUpdates += record.ETag is null ? 0 : 1;
            }

            var updated = await ExecuteAsync(
                connection,
                """
                UPDATE grain_records r
                SET etag = c.new_etag, log_position = c.log_position, data = c.data, updated_at = now()
                FROM checkpoint_records c
                WHERE c.expected_etag IS NOT NULL
                  AND r.state_name = c.state_name AND r.grain_type = c.grain_type AND r.grain_key = c.grain_key
                  AND r.etag = c.expected_etag
                """,
                cancellationToken).ConfigureAwait(false);
            var inserted = await ExecuteAsync(
                connection,
                """
                INSERT INTO grain_records (state_name, grain_type, grain_key, etag, log_position, data, updated_at)
                SELECT state_name, grain_type, grain_key, new_etag, log_position, data, now()
                FROM checkpoint_records WHERE expected_etag IS NULL
                ON CONFLICT (state_name, grain_type, grain_key) DO NOTHING
                """,
                cancellationToken).ConfigureAwait(false);
            if (updated != expectedUpdates || inserted != records.Count - expectedUpdates)
            {
                var conflict = await FindConflictAsync(connection, records, cancellationToken).ConfigureAwait(false);
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw conflict;
            }

            for (var i = 0; i < etags.Length; i++)
            {
                etags[i] = RecordRules.Format(versions[i]);
            }
        }

        foreach (var (newest, count, data) in IdempotencyKeyBatch.Encode(checkpoint.AddedKeys))
        {
            await using var add = new NpgsqlCommand("INSERT INTO idempotency_key_batches (newest_seen_ms, key_count, data) VALUES ($1, $2, $3)", connection);
            add.Parameters.Add(new NpgsqlParameter<long> { TypedValue = newest });
            add.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            add.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data });
            await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var sql in new[]
        {
            "DELETE FROM idempotency_key_batches WHERE newest_seen_ms < $1",
            "UPDATE checkpoint SET keys_forgotten_before_ms = greatest(keys_forgotten_before_ms, $1) WHERE id = 1",
        })
        {
            await using var forget = new NpgsqlCommand(sql, connection);
            forget.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.ForgetKeysSeenBeforeMs });
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var position = new NpgsqlCommand("UPDATE checkpoint SET log_position = $1, updated_at = now() WHERE id = 1", connection))
        {
            position.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.LogPosition });
            await position.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return etags;
    }

    private static async Task<long[]> DrawVersionsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        var versions = new long[count];
        await using var command = new NpgsqlCommand("SELECT nextval('grain_record_version') FROM generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[i++] = reader.GetInt64(0);
        }

        if (i != count)
        {
            throw new InvalidOperationException($"postgres storage drew {i} record versions from grain_record_version instead of {count}.");
        }

        return versions;
    }

    private static async Task CopyRecordsAsync(NpgsqlConnection connection, IReadOnlyList<GrainRecordWrite> records, long[] versions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connection,
            """
            CREATE TEMP TABLE checkpoint_records (
                ord           integer NOT NULL,
                state_name    text COLLATE "C" NOT NULL,
                grain_type    text COLLATE "C" NOT NULL,
                grain_key     text COLLATE "C" NOT NULL,
                expected_etag bigint,
                new_etag      bigint NOT NULL,
                log_position  bigint NOT NULL,
                data          bytea  NOT NULL
            ) ON COMMIT DROP
            """,
            cancellationToken).ConfigureAwait(false);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY checkpoint_records (ord, state_name, grain_type, grain_key, expected_etag, new_etag, log_position, data) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        importer.Timeout = timeout;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.StateName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.GrainId.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.GrainId.Key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            if (record.ETag is null)
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // An ETag this provider never issued matches no record: -1 is never a version.
                var expected = RecordRules.TryParse(record.ETag, out var version) ? version : -1L;
                await importer.WriteAsync(expected, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await importer.WriteAsync(versions[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.LogPosition, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Data, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first record (in checkpoint order) whose write did not apply, as a conflict naming the stored ETag.</summary>
    private static async Task<InconsistentStateException> FindConflictAsync(NpgsqlConnection connection, IReadOnlyList<GrainRecordWrite> records, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.ord, r.etag
            FROM checkpoint_records c
            LEFT JOIN grain_records r
              ON r.state_name = c.state_name AND r.grain_type = c.grain_type AND r.grain_key = c.grain_key
            WHERE (c.expected_etag IS NULL AND r.etag IS NOT NULL AND r.etag <> c.new_etag)
               OR (c.expected_etag IS NOT NULL AND r.etag IS DISTINCT FROM c.new_etag)
            ORDER BY c.ord
            LIMIT 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new InconsistentStateException("postgres storage: a checkpoint write did not apply to every record, but no conflicting record was found (a concurrent writer?).", null, null);
        }

        var record = records[reader.GetInt32(0)];
        long? stored = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        return RecordRules.Conflict("postgres", record.StateName, record.GrainId, stored, record.ETag);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
