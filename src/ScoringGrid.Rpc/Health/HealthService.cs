using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ScoringGrid.Rpc.Health;

/// <summary>
/// <c>grpc.health.v1.Health</c>: a status per service name (empty name = the server).
/// Check answers NOT_FOUND for an unknown name; Watch streams the current status and each
/// change, and ends with UNAVAILABLE when the server shuts down.
/// </summary>
public sealed class HealthService
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Watcher, byte> _watchers = new();
    private volatile bool _shutdown;

    /// <summary>Sets the status of a service and tells its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses[service] = status;
        Notify(service, status);
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        _statuses.TryRemove(service, out _);
        Notify(service, ServingStatus.ServiceUnknown);
    }

    /// <summary>Marks every service NOT_SERVING and ends all Watch streams.</summary>
    public void Shutdown()
    {
        _shutdown = true;
        foreach (var service in _statuses.Keys)
        {
            SetStatus(service, ServingStatus.NotServing);
        }

        foreach (var watcher in _watchers.Keys)
        {
            watcher.Updates.Writer.TryComplete();
        }
    }

    /// <summary>The status of a service, or null when it is unknown.</summary>
    public ServingStatus? GetStatus(string service) => _statuses.TryGetValue(service, out var status) ? status : null;

    /// <summary>The service definition to register with the server.</summary>
    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(HealthMethods.ServiceName, HealthReflection.Descriptor.Services[0])
            .AddMethod(HealthMethods.Check, Check)
            .AddMethod(HealthMethods.Watch, Watch)
            .Build();

    /// <summary>Check: the current status.</summary>
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!_statuses.TryGetValue(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is unknown."));
        }

        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    /// <summary>Watch: the current status, then every change, until the caller cancels.</summary>
    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var watcher = new Watcher(request.Service);
        _watchers.TryAdd(watcher, 0);
        try
        {
            var last = GetStatus(request.Service) ?? ServingStatus.ServiceUnknown;
            await responseStream.WriteAsync(new HealthCheckResponse { Status = last }).ConfigureAwait(false);
            if (_shutdown)
            {
                watcher.Updates.Writer.TryComplete();
            }

            await foreach (var status in watcher.Updates.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != last)
                {
                    last = status;
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status }).ConfigureAwait(false);
                }
            }

            throw new RpcException(new Status(StatusCode.Unavailable, "The server is shutting down."));
        }
        finally
        {
            _watchers.TryRemove(watcher, out _);
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        foreach (var watcher in _watchers.Keys)
        {
            if (watcher.Service == service)
            {
                watcher.Updates.Writer.TryWrite(status);
            }
        }
    }

    private sealed class Watcher(string service)
    {
        public string Service { get; } = service;

        public Channel<ServingStatus> Updates { get; } = Channel.CreateUnbounded<ServingStatus>(new UnboundedChannelOptions { SingleReader = true });
    }
}
