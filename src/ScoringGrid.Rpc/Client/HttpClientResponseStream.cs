namespace ScoringGrid.Rpc.Client;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class HttpClientResponseStream<TRequest, TResponse> : IAsyncStreamReader<TResponse>
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public HttpClientResponseStream(GrpcCall<TRequest, TResponse> call) => _call = call;

    public TResponse Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var (hasMessage, message) = await _call.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        Current = message;
        return hasMessage;
    }
}
