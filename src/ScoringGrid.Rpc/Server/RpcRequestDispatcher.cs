using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>
/// The terminal request handler of a gRPC endpoint: checks the HTTP-level rules (HTTP/2,
/// POST, gRPC content-type), then routes <c>/service/method</c> to its call handler;
/// unknown services and methods get UNIMPLEMENTED.
/// </summary>
public sealed class RpcRequestDispatcher
{
    private readonly FrozenDictionary<string, ServerCallHandler> _handlers;
    private readonly FrozenSet<string> _services;

    /// <summary>Builds the routing table of a set of services.</summary>
    public RpcRequestDispatcher(IEnumerable<ServerServiceDefinition> services, RpcServerOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = loggerFactory.CreateLogger("ScoringGrid.Rpc.Server");
        var handlers = new Dictionary<string, ServerCallHandler>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (!names.Add(service.Name))
            {
                throw new ArgumentException($"Service '{service.Name}' is registered twice.", nameof(services));
            }

            foreach (var handler in service.CreateHandlers(options, logger))
            {
                handlers.Add(handler.FullName, handler);
            }
        }

        _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);
        _services = names.ToFrozenSet(StringComparer.Ordinal);
        Services = names.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Names of the services served.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Serves one HTTP request.</summary>
    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            return Reject(http, StatusCodes.Status426UpgradeRequired, $"gRPC requires HTTP/2; the request used {request.Protocol}.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return Reject(http, StatusCodes.Status405MethodNotAllowed, $"gRPC requires POST; the request used {request.Method}.");
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            return Reject(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported; gRPC requires application/grpc.");
        }

        var path = request.Path.Value ?? string.Empty;
        if (_handlers.TryGetValue(path, out var handler))
        {
            return handler.HandleCallAsync(http);
        }

        return Unimplemented(http, path);
    }

    private Task Unimplemented(HttpContext http, string path)
    {
        var slash = path.Length > 1 ? path.IndexOf('/', 1) : -1;
        var service = slash > 0 ? path[1..slash] : path.TrimStart('/');
        var detail = slash > 0 && _services.Contains(service)
            ? $"Method '{path[(slash + 1)..]}' of service '{service}' is unimplemented."
            : $"Service '{service}' is unimplemented.";
        WriteTrailersOnly(http.Response, StatusCode.Unimplemented, detail);
        return Task.CompletedTask;
    }

    private static Task Reject(HttpContext http, int httpStatus, string detail)
    {
        http.Response.StatusCode = httpStatus;
        http.Response.Headers.GrpcStatus = GrpcProtocol.StatusCodeString(StatusCode.Internal);
        http.Response.Headers.GrpcMessage = StatusMessageEncoding.Encode(detail);
        return Task.CompletedTask;
    }

    private static void WriteTrailersOnly(HttpResponse response, StatusCode code, string detail)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers.GrpcStatus = GrpcProtocol.StatusCodeString(code);
        response.Headers.GrpcMessage = StatusMessageEncoding.Encode(detail);
    }
}
