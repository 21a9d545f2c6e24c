namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>
    /// Path of the database file. The file and its directory are created on first start.
    /// </summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>
    /// Bound on every wait of one call: for the database lock held by another connection or
    /// process (SQLite's busy timeout), for the writer connection, and for a free reader
    /// connection. Default 30 s.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connections kept open for reads (point reads run on them in parallel with a checkpoint,
    /// which WAL mode allows). Default: the processor count, within 2..8.
    /// </summary>
    public int ReadConnections { get; set; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>
    /// Page cache of each reader connection, in MiB. Default 32: the hot records of a large
    /// database stay in memory rather than being read from the file system on each activation.
    /// </summary>
    public int ReadCacheMegabytes { get; set; } = 32;

    /// <summary>
    /// Page cache of the writer connection, in MiB. Default 64: a checkpoint of hundreds of
    /// thousands of records updates pages that stay cached between its inserts.
    /// </summary>
    public int WriteCacheMegabytes { get; set; } = 64;

    /// <summary>Checks the values, naming the offending setting.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException("SqliteGrainStorageOptions.DataSource must name the database file.", nameof(DataSource));
        }

        if (DataSource.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("SqliteGrainStorageOptions.DataSource must be a file: an in-memory database is not durable.", nameof(DataSource));
        }

        if (CommandTimeout <= TimeSpan.Zero || CommandTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "SqliteGrainStorageOptions.CommandTimeout must be positive and at most one day.");
        }

        if (ReadConnections is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadConnections), ReadConnections, "SqliteGrainStorageOptions.ReadConnections must be within 1..64.");
        }

        if (WriteCacheMegabytes is < 1 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteCacheMegabytes), WriteCacheMegabytes, "SqliteGrainStorageOptions.WriteCacheMegabytes must be within 1..65536.");
        }

        if (ReadCacheMegabytes is < 1 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadCacheMegabytes), ReadCacheMegabytes, "SqliteGrainStorageOptions.ReadCacheMegabytes must be within 1..65536.");
        }
    }
}
