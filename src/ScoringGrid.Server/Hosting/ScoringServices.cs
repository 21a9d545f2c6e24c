using ScoringGrid.Grains;
using ScoringGrid.Rpc.Hosting;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Ingest;
using ScoringGrid.Server.Memory;
using ScoringGrid.Server.Persistence;
using ScoringGrid.Server.Services;

namespace ScoringGrid.Server.Hosting;

/// <summary>Registers the scoring server's parts: configuration, authentication, grains, ingest and the gRPC services.</summary>
public static class ScoringServices
{
    /// <summary>Adds everything the scoring services need.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var limits = configuration.GetSection(ScoringLimits.SectionName).Get<ScoringLimits>() ?? new ScoringLimits();
            limits.Validate();
            return limits;
        });
        services.AddSingleton(_ => new TenantModels(configuration));
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.SectionName));
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.SectionName));
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton(_ =>
        {
            var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            storage.Validate();
            return storage;
        });
        services.AddSingleton(_ =>
        {
            var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
            return new DataDirectory(server.DataDirectory);
        });
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<RelationshipGrainType>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<ChangeJournal>();
        services.AddSingleton<IGrainStorage>(provider =>
        {
            var storage = provider.GetRequiredService<StorageOptions>();
            return storage.IsDurable
                ? new CheckpointedGrainStorage(StorageProviders.Create(storage, provider.GetRequiredService<DataDirectory>()), new GrainStateSerializer(provider.GetRequiredService<AccountDirectory>()))
                : new MemoryGrainStorage();
        });
        services.AddSingleton(provider =>
        {
            var options = configuration.GetSection("ScoringGrid:Grains").Get<GrainRuntimeOptions>() ?? new GrainRuntimeOptions();
            var accountServices = new AccountGrainServices(provider.GetRequiredService<TenantModels>(), provider.GetRequiredService<AccountDirectory>());
            var types = new GrainTypeRegistry()
                .Register(GrainKeys.AccountType, () => new AccountGrain(accountServices));
            var runtime = new GrainRuntime(options, types, provider.GetRequiredService<IGrainStorage>(), provider.GetRequiredService<TimeProvider>());
            var logger = provider.GetRequiredService<ILogger<GrainRuntime>>();
            runtime.UnhandledError += (exception, message) => logger.LogError(exception, "{Message}", message);
            return runtime;
        });
        services.AddHostedService<GrainRuntimeLifetime>();
        services.AddSingleton<DurabilityService>();
        services.AddHostedService(provider => provider.GetRequiredService<DurabilityService>());
        services.AddSingleton(_ =>
        {
            var memory = configuration.GetSection(MemoryTrimOptions.SectionName).Get<MemoryTrimOptions>() ?? new MemoryTrimOptions();
            memory.Validate();
            return memory;
        });
        services.AddSingleton<MemoryTrimService>();
        services.AddHostedService(provider => provider.GetRequiredService<MemoryTrimService>());
        services.AddSingleton<ScoringGrainFactory>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<IngestGrpcService>();
        services.AddSingleton<AccountGrpcService>();
        services.AddSingleton<ScoreGrpcService>();
        services.AddRpcService(provider => provider.GetRequiredService<IngestGrpcService>().BindService());
        services.AddRpcService(provider => provider.GetRequiredService<AccountGrpcService>().BindService());
        services.AddRpcService(provider => provider.GetRequiredService<ScoreGrpcService>().BindService());
        return services;
    }
}

/// <summary>Starts the grain runtime with the host (and the authenticator, so a development key is printed at start) and stops it last.</summary>
internal sealed class GrainRuntimeLifetime(GrainRuntime runtime, ApiKeyAuthenticator authenticator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = authenticator.KeyCount;
        _ = runtime.Partitions.Count;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync();
}
