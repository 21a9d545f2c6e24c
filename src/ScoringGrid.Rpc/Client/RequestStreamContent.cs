using System.Net;

namespace ScoringGrid.Rpc.Client;

/// <summary>
/// Request content whose bytes are pushed by the caller while the request is in flight:
/// the HTTP/2 stream stays open until <see cref="Complete"/> (END_STREAM) or <see cref="Abort"/>.
/// </summary>
internal sealed class RequestStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RequestStreamContent()
    {
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    /// <summary>The request body stream, once the request has started.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request body normally.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Ends the request body because the call ended.</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _done.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
