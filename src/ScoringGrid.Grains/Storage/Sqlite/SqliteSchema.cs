using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// The SQLite schema and its migrations. Each migration runs once, in order, inside the
/// migrating transaction, and is recorded in <c>schema_version</c>; every statement is also
/// written to be harmless when repeated.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, version 1 first.</summary>
    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "grain records, idempotency key batches, checkpoint position, record version counter", """
            CREATE TABLE IF NOT EXISTS grain_records (
                state_name    TEXT    NOT NULL,
                grain_type    TEXT    NOT NULL,
                grain_key     TEXT    NOT NULL,
                etag          INTEGER NOT NULL,
                log_position  INTEGER NOT NULL,
                data          BLOB    NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_type, grain_key)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS idempotency_key_batches (
                batch_id       INTEGER PRIMARY KEY,
                newest_seen_ms INTEGER NOT NULL,
                key_count      INTEGER NOT NULL,
                data           BLOB    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS idempotency_key_batches_newest ON idempotency_key_batches (newest_seen_ms);
            CREATE TABLE IF NOT EXISTS checkpoint (
                id                       INTEGER PRIMARY KEY CHECK (id = 1),
                log_position             INTEGER NOT NULL,
                keys_forgotten_before_ms INTEGER NOT NULL,
                updated_at_ms            INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO checkpoint (id, log_position, keys_forgotten_before_ms, updated_at_ms) VALUES (1, 0, 0, 0);
            CREATE TABLE IF NOT EXISTS record_version (
                id           INTEGER PRIMARY KEY CHECK (id = 1),
                last_version INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO record_version (id, last_version) VALUES (1, 0);
            """),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/> in one immediate transaction (so two
    /// processes starting on the same file migrate one after the other). Returns the version
    /// found before migrating.
    /// </summary>
    public static int Migrate(SqliteConnection connection, int commandTimeoutSeconds)
    {
        using var command = connection.CreateCommand();
        command.CommandTimeout = commandTimeoutSeconds;
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version       INTEGER PRIMARY KEY,
                    description   TEXT    NOT NULL,
                    applied_at_ms INTEGER NOT NULL
                );
                SELECT coalesce(max(version), 0) FROM schema_version;
                """;
            var found = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (found > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The sqlite database {connection.DataSource} has schema version {found}, newer than the {LatestVersion} this server knows: it was written by a newer version of ScoringGrid.");
            }

            foreach (var (version, description, sql) in Migrations)
            {
                if (version <= found)
                {
                    continue;
                }

                command.CommandText = sql;
                command.ExecuteNonQuery();
                command.CommandText = "INSERT INTO schema_version (version, description, applied_at_ms) VALUES ($version, $description, $now)";
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$version", version);
                command.Parameters.AddWithValue("$description", description);
                command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
                command.Parameters.Clear();
            }

            command.CommandText = "COMMIT";
            command.ExecuteNonQuery();
            return found;
        }
        catch
        {
            SqliteTransactions.RollbackIfOpen(connection);
            throw;
        }
    }
}
