using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// What the statements run through SQLite's own interface share (<see cref="SqliteRecordStatement"/>,
/// <see cref="SqliteRecordLookup"/>): preparing on an open connection, and failures raised as the
/// <see cref="SqliteException"/> a command would raise, so the provider's error handling sees no difference.
/// </summary>
internal static class SqliteNative
{
    /// <summary>The open connection's database handle.</summary>
    public static sqlite3 Handle(SqliteConnection connection) =>
        connection.Handle ?? throw new InvalidOperationException("The connection is not open.");

    /// <summary>A statement prepared once, to be kept and run many times.</summary>
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement), db);
        return statement;
    }

    /// <summary>Binds a record's identity (state name, grain type, grain key) as its characters, at three parameter indices.</summary>
    public static void BindIdentity(sqlite3_stmt statement, sqlite3 db, (int StateName, int Type, int Key) at, string stateName, GrainId grainId)
    {
        Check(raw.sqlite3_bind_text16(statement, at.StateName, stateName.AsSpan()), db);
        Check(raw.sqlite3_bind_text16(statement, at.Type, grainId.Type.AsSpan()), db);
        Check(raw.sqlite3_bind_text16(statement, at.Key, grainId.Key.AsSpan()), db);
    }

    /// <summary>Throws the connection's error unless <paramref name="rc"/> is SQLITE_OK.</summary>
    public static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
