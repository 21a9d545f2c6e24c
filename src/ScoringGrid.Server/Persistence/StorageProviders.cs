using ScoringGrid.Grains;
using ScoringGrid.Grains.Storage.Postgres;
using ScoringGrid.Grains.Storage.Sqlite;

namespace ScoringGrid.Server.Persistence;

/// <summary>Creates the durable storage provider named by <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    /// <summary>The provider for <paramref name="options"/> (sqlite or postgres).</summary>
    public static IDurableGrainStorage Create(StorageOptions options, DataDirectory dataDirectory) =>
        options.Provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteGrainStorage(new SqliteGrainStorageOptions
            {
                DataSource = dataDirectory.Resolve(options.SqlitePath),
                CommandTimeout = options.CommandTimeout,
            }),
            "postgres" => new PostgresGrainStorage(new PostgresGrainStorageOptions
            {
                ConnectionString = options.PostgresConnectionString!,
                CommandTimeout = options.CommandTimeout,
            }),
            _ => throw new InvalidOperationException($"{StorageOptions.SectionName}:Provider '{options.Provider}' has no durable provider."),
        };
}
