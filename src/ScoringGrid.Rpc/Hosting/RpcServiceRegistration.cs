namespace ScoringGrid.Rpc.Hosting;

/// <summary>A service to serve, created from the container when the server starts.</summary>
/// <param name="Factory">Creates the service definition.</param>
public sealed record RpcServiceRegistration(Func<IServiceProvider, ServerServiceDefinition> Factory);
