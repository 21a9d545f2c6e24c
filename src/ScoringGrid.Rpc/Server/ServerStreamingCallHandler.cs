using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>Serves a server-streaming method.</summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServerStreamingServerMethod<TRequest, TResponse> _handler;

    public ServerStreamingCallHandler(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler, RpcServerOptions options, ILogger logger)
        : base(method.FullName, method.Type, options, logger)
    {
        _method = method;
        _handler = handler;
    }

    protected override async ValueTask HandleCallCoreAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, _method.RequestMarshaller).ConfigureAwait(false);
        var writer = new HttpServerStreamWriter<TResponse>(call, _method.ResponseMarshaller);
        await _handler(request, writer, call).ConfigureAwait(false);
    }
}
