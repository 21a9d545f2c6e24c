using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>Serves a client-streaming method.</summary>
internal sealed class ClientStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ClientStreamingServerMethod<TRequest, TResponse> _handler;

    public ClientStreamingCallHandler(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler, RpcServerOptions options, ILogger logger)
        : base(method.FullName, method.Type, options, logger)
    {
        _method = method;
        _handler = handler;
    }

    protected override async ValueTask HandleCallCoreAsync(HttpServerCallContext call)
    {
        var reader = new HttpServerStreamReader<TRequest>(call, _method.RequestMarshaller);
        var response = await _handler(reader, call).ConfigureAwait(false);
        await call.WriteResponseAsync(response, _method.ResponseMarshaller).ConfigureAwait(false);
        _method.ResponseMarshaller.Release(response);
    }
}
