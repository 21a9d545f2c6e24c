namespace ScoringGrid.Rpc;

/// <summary>The request stream of a call, read from the HTTP/2 request body.</summary>
internal sealed class HttpServerStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly HttpServerCallContext _call;
    private readonly Marshaller<T> _marshaller;
    private bool _ended;

    public HttpServerStreamReader(HttpServerCallContext call, Marshaller<T> marshaller)
    {
        _call = call;
        _marshaller = marshaller;
    }

    public T Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        var token = _call.CancellationToken;
        CancellationTokenSource? linked = null;
        if (cancellationToken.CanBeCanceled && cancellationToken != token)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
            token = linked.Token;
        }

        try
        {
            var result = await MessageFrameReader.ReadAsync(
                _call.GetHttpContext().Request.BodyReader, _marshaller, _call.Options.MaxReceiveMessageSize, _call.RequestEncoding, token).ConfigureAwait(false);
            if (!result.HasMessage)
            {
                _ended = true;
                Current = default!;
                return false;
            }

            _call.LastMessageCompressed = result.WasCompressed;
            Current = result.Message;
            return true;
        }
        finally
        {
            linked?.Dispose();
        }
    }
}
