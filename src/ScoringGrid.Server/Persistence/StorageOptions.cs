namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Where grain state and the write-ahead log live, bound from <c>ScoringGrid:Storage</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringGrid:Storage";

    /// <summary>
    /// <c>sqlite</c> (default: a file under the data directory, nothing to set up),
    /// <c>postgres</c> (production; needs <see cref="PostgresConnectionString"/>), or
    /// <c>memory</c> (tests only: nothing survives the process, no log).
    /// </summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; relative paths are under the data directory. Default <c>scoringgrid.db</c>.</summary>
    public string SqlitePath { get; set; } = "scoringgrid.db";

    /// <summary>Npgsql connection string for <c>postgres</c> (also from the environment: <c>ScoringGrid__Storage__PostgresConnectionString</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Timeout of one storage command. Default 30 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The write-ahead log directory; relative paths are under the data directory. Default <c>wal</c>.</summary>
    public string LogDirectory { get; set; } = "wal";

    /// <summary>Size at which the log rolls to a new segment. Default 64 MiB.</summary>
    public long LogSegmentSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Fsync the log before acknowledging (default true). False acknowledges once the operating
    /// system has the bytes: an interaction then survives a crash of the server, not of the machine.
    /// </summary>
    public bool LogFsync { get; set; } = true;

    /// <summary>Time between checkpoints. Default 30 s.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A checkpoint also starts once this many log bytes were written since the last. Default 256 MiB.</summary>
    public long CheckpointLogBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often the storage is probed; while it cannot be reached, ingest answers UNAVAILABLE. Default 1 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Log records replayed at once during recovery. Default 32.</summary>
    public int RecoveryConcurrency { get; set; } = 32;

    /// <summary>Whether this configuration keeps anything durable.</summary>
    public bool IsDurable => !string.Equals(Provider, "memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the values, naming the offending setting.</summary>
    public void Validate()
    {
        var provider = Provider.ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres" or "memory"))
        {
            throw new InvalidOperationException($"{SectionName}:Provider '{Provider}' is not one of sqlite, postgres, memory.");
        }

        if (provider == "postgres" && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            throw new InvalidOperationException($"{SectionName}:PostgresConnectionString is required for the postgres provider.");
        }

        if (LogSegmentSize < 64 * 1024)
        {
            throw new InvalidOperationException($"{SectionName}:LogSegmentSize must be at least 65536 bytes.");
        }

        if (CheckpointInterval <= TimeSpan.Zero || HealthCheckInterval <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}: CheckpointInterval, HealthCheckInterval and CommandTimeout must be positive.");
        }

        if (CheckpointLogBytes <= 0 || RecoveryConcurrency is < 1 or > 1024)
        {
            throw new InvalidOperationException($"{SectionName}: CheckpointLogBytes must be positive and RecoveryConcurrency within 1..1024.");
        }
    }
}
