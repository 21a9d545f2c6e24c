using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// The point read of one record, prepared once on a reader connection and run through SQLite's own
/// interface: the three ids bound as their characters, the row's data copied once into the array
/// the record keeps. Recovery activates hundreds of thousands of grains from their records, and a
/// command's parameters and data reader made objects for every one.
/// </summary>
internal sealed class SqliteRecordLookup : IDisposable
{
    private const string Sql = "SELECT data, etag, log_position FROM grain_records WHERE state_name = ?1 AND grain_type = ?2 AND grain_key = ?3";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRecordLookup(SqliteConnection connection)
    {
        _db = SqliteNative.Handle(connection);
        _statement = SqliteNative.Prepare(_db, Sql);
    }

    /// <summary>The record of (<paramref name="stateName"/>, <paramref name="grainId"/>), or null.</summary>
    public StoredGrainRecord? Read(string stateName, GrainId grainId)
    {
        try
        {
            SqliteNative.BindIdentity(_statement, _db, (1, 2, 3), stateName, grainId);
            int rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            byte[] data = raw.sqlite3_column_blob(_statement, 0).ToArray();
            return new StoredGrainRecord(data, RecordRules.Format(raw.sqlite3_column_int64(_statement, 1)), raw.sqlite3_column_int64(_statement, 2));
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
