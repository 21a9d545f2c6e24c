namespace ScoringGrid.Rpc;

/// <summary>The response stream of a call, written to the HTTP/2 response body.</summary>
internal sealed class HttpServerStreamWriter<T> : IServerStreamWriter<T>
{
    private readonly HttpServerCallContext _call;
    private readonly Marshaller<T> _marshaller;

    public HttpServerStreamWriter(HttpServerCallContext call, Marshaller<T> marshaller)
    {
        _call = call;
        _marshaller = marshaller;
    }

    public WriteOptions? WriteOptions
    {
        get => _call.WriteOptions;
        set => _call.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : _call.CancellationToken;
        return _call.WriteStreamMessageAsync(message, _marshaller, token);
    }
}
