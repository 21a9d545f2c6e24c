using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>Serves a unary method.</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly UnaryValueServerMethod<TRequest, TResponse> _handler;

    public UnaryCallHandler(Method<TRequest, TResponse> method, UnaryValueServerMethod<TRequest, TResponse> handler, RpcServerOptions options, ILogger logger)
        : base(method.FullName, method.Type, options, logger)
    {
        _method = method;
        _handler = handler;
    }

    // Pooled: a call that has to wait (for its request's body, or for a busy grain) reuses a state
    // machine box instead of allocating one.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask HandleCallCoreAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call, _method.RequestMarshaller).ConfigureAwait(false);
        var response = await _handler(request, call).ConfigureAwait(false);
        await call.WriteResponseAsync(response, _method.ResponseMarshaller).ConfigureAwait(false);
        _method.ResponseMarshaller.Release(response);
    }
}
