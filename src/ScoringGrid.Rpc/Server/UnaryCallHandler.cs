using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>Serves a unary method.</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly UnaryServerMethod<TRequest, TResponse> _handler;

    public UnaryCallHandler(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, RpcServerOptions options, ILogger logger)
        : base(method.FullName, method.Type, options, logger)
    {
        _method = method;
        _handler = handler;
    }

    protected override async Task HandleCallCoreAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, _method.RequestMarshaller).ConfigureAwait(false);
        var response = await _handler(request, call).ConfigureAwait(false);
        await call.WriteResponseAsync(response, _method.ResponseMarshaller).ConfigureAwait(false);
        _method.ResponseMarshaller.Release(response);
    }
}
