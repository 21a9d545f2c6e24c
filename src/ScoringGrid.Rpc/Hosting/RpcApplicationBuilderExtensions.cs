using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoringGrid.Rpc.Health;
using ScoringGrid.Rpc.Reflection;

namespace ScoringGrid.Rpc.Hosting;

/// <summary>Puts the gRPC server at the end of an application's pipeline.</summary>
public static class RpcApplicationBuilderExtensions
{
    /// <summary>
    /// Serves every registered service, plus health (each service and the server marked
    /// SERVING, NOT_SERVING once shutdown begins) and, unless disabled, reflection.
    /// Returns the dispatcher, which ends the pipeline.
    /// </summary>
    public static RpcRequestDispatcher UseRpcServer(this IApplicationBuilder app, bool enableReflection = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = app.ApplicationServices;
        var options = provider.GetRequiredService<IOptions<RpcServerOptions>>().Value;
        var health = provider.GetRequiredService<HealthService>();

        var definitions = new List<ServerServiceDefinition> { health.BindService() };
        foreach (var registration in provider.GetServices<RpcServiceRegistration>())
        {
            definitions.Add(registration.Factory(provider));
        }

        if (enableReflection)
        {
            var descriptors = definitions.Where(d => d.Descriptor is not null).Select(d => d.Descriptor!).ToList();
            definitions.Add(new ReflectionService(descriptors).BindService());
        }

        var dispatcher = new RpcRequestDispatcher(definitions, options, provider.GetRequiredService<ILoggerFactory>());
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        foreach (var definition in definitions)
        {
            health.SetStatus(definition.Name, HealthCheckResponse.Types.ServingStatus.Serving);
        }

        provider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(health.Shutdown);
        app.Run(dispatcher.HandleAsync);
        return dispatcher;
    }
}
