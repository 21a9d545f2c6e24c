using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScoringGrid.Rpc.Health;

namespace ScoringGrid.Rpc.Hosting;

/// <summary>Registers the gRPC server and its services in a service container.</summary>
public static class RpcServiceCollectionExtensions
{
    /// <summary>Adds the server's options and the health service.</summary>
    public static IServiceCollection AddRpcServer(this IServiceCollection services, Action<RpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<HealthService>();
        return services;
    }

    /// <summary>Adds a service to serve.</summary>
    public static IServiceCollection AddRpcService(this IServiceCollection services, Func<IServiceProvider, ServerServiceDefinition> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(new RpcServiceRegistration(factory));
        return services;
    }
}
