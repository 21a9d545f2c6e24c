namespace ScoringGrid.Grains.Storage.Postgres;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>
    /// Npgsql connection string, e.g. <c>Host=db;Database=scoringgrid;Username=scoringgrid;Password=...</c>.
    /// Its command and connect timeouts are replaced by <see cref="CommandTimeout"/>.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Bound on one statement (a read, a write, one step of a checkpoint) and on opening a
    /// connection. Default 30 s.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows fetched per round trip when listing record ids or idempotency keys. Default 10,000.</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary>Checks the values, naming the offending setting.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresGrainStorageOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "PostgresGrainStorageOptions.CommandTimeout must be within 1 s..1 day.");
        }

        if (PageSize is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PostgresGrainStorageOptions.PageSize must be within 1..1,000,000.");
        }
    }
}
