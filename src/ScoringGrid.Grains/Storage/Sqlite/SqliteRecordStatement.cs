using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// A record insert or update prepared once on the writer connection and run through SQLite's own
/// interface: ids are bound as their characters, numbers as numbers and the data as its bytes,
/// each copied by SQLite, so writing the hundreds of thousands of records of a checkpoint makes no
/// parameter objects, boxes or UTF-8 copies per record (a command's parameters make all three).
/// </summary>
internal sealed class SqliteRecordStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _stateName;
    private readonly int _grainType;
    private readonly int _grainKey;
    private readonly int _version;
    private readonly int _position;
    private readonly int _data;
    private readonly int _now;
    private readonly int _expected; // 0 when the statement has no $expected

    /// <summary>Prepares <paramref name="sql"/>, which names its values $s, $t, $k, $version, $position, $data, $now and optionally $expected.</summary>
    public SqliteRecordStatement(SqliteConnection connection, string sql)
    {
        _db = SqliteNative.Handle(connection);
        _statement = SqliteNative.Prepare(_db, sql);
        _stateName = Index("$s");
        _grainType = Index("$t");
        _grainKey = Index("$k");
        _version = Index("$version");
        _position = Index("$position");
        _data = Index("$data");
        _now = Index("$now");
        _expected = raw.sqlite3_bind_parameter_index(_statement, "$expected");
    }

    /// <summary>Runs the statement for one record; returns the rows it changed (0 or 1).</summary>
    public int Execute(GrainRecordWrite write, long version, long nowMs, long expected)
    {
        try
        {
            SqliteNative.BindIdentity(_statement, _db, (_stateName, _grainType, _grainKey), write.StateName, write.GrainId);
            SqliteNative.Check(raw.sqlite3_bind_int64(_statement, _version, version), _db);
            SqliteNative.Check(raw.sqlite3_bind_int64(_statement, _position, write.LogPosition), _db);
            SqliteNative.Check(
                write.Data.Length == 0
                    ? raw.sqlite3_bind_zeroblob(_statement, _data, 0) // an empty blob, not NULL
                    : raw.sqlite3_bind_blob(_statement, _data, write.Data),
                _db);
            SqliteNative.Check(raw.sqlite3_bind_int64(_statement, _now, nowMs), _db);
            if (_expected != 0)
            {
                SqliteNative.Check(raw.sqlite3_bind_int64(_statement, _expected, expected), _db);
            }

            int rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        int index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }
}
