using Npgsql;

namespace ScoringGrid.Grains.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema and its migrations. Migrating takes a transaction-scoped advisory
/// lock (so servers starting together migrate one after the other), applies each migration
/// newer than <c>schema_version</c> records, and commits; each statement is also written to
/// be harmless when repeated.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Advisory lock key of schema migrations ("SGSCHEMA" as a number).</summary>
    private const long MigrationLock = 0x5347534348454D41;

    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "grain records, idempotency key batches, checkpoint position, record version sequence", """
            CREATE TABLE IF NOT EXISTS grain_records (
                state_name   text COLLATE "C" NOT NULL,
                grain_type   text COLLATE "C" NOT NULL,
                grain_key    text COLLATE "C" NOT NULL,
                etag         bigint      NOT NULL,
                log_position bigint      NOT NULL,
                data         bytea       NOT NULL,
                updated_at   timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (state_name, grain_type, grain_key)
            );
            CREATE SEQUENCE IF NOT EXISTS grain_record_version AS bigint;
            CREATE TABLE IF NOT EXISTS idempotency_key_batches (
                batch_id       bigserial PRIMARY KEY,
                newest_seen_ms bigint NOT NULL,
                key_count      integer NOT NULL,
                data           bytea  NOT NULL
            );
            CREATE INDEX IF NOT EXISTS idempotency_key_batches_newest ON idempotency_key_batches (newest_seen_ms);
            CREATE TABLE IF NOT EXISTS checkpoint (
                id                       integer PRIMARY KEY CHECK (id = 1),
                log_position             bigint      NOT NULL,
                keys_forgotten_before_ms bigint      NOT NULL DEFAULT 0,
                updated_at               timestamptz NOT NULL DEFAULT now()
            );
            INSERT INTO checkpoint (id, log_position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
            """),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the version found before.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLock });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int found;
        await using (var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     integer PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            SELECT coalesce(max(version), 0) FROM schema_version;
            """,
            connection,
            transaction))
        {
            found = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The postgres database {connection.Database} has schema version {found}, newer than the {LatestVersion} this server knows: it was written by a newer version of ScoringGrid.");
        }

        foreach (var (version, description, sql) in Migrations)
        {
            if (version <= found)
            {
                continue;
            }

            await using (var migrate = new NpgsqlCommand(sql, connection, transaction))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }
}
