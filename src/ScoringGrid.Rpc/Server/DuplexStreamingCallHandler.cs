using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>Serves a bidirectional-streaming method.</summary>
internal sealed class DuplexStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly DuplexStreamingServerMethod<TRequest, TResponse> _handler;

    public DuplexStreamingCallHandler(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler, RpcServerOptions options, ILogger logger)
        : base(method.FullName, method.Type, options, logger)
    {
        _method = method;
        _handler = handler;
    }

    protected override async ValueTask HandleCallCoreAsync(HttpServerCallContext call)
    {
        var reader = new HttpServerStreamReader<TRequest>(call, _method.RequestMarshaller);
        var writer = new HttpServerStreamWriter<TResponse>(call, _method.ResponseMarshaller);
        await _handler(reader, writer, call).ConfigureAwait(false);
    }
}
