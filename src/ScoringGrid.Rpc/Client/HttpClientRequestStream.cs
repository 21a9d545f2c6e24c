using System.Buffers;

namespace ScoringGrid.Rpc.Client;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
internal sealed class HttpClientRequestStream<TRequest, TResponse> : IClientStreamWriter<TRequest>
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private readonly RequestStreamContent _content;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private bool _completed;
    private bool _writing;

    public HttpClientRequestStream(GrpcCall<TRequest, TResponse> call, RequestStreamContent content)
    {
        _call = call;
        _content = content;
        WriteOptions = call.WriteOptions;
    }

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }

        if (_writing)
        {
            throw new InvalidOperationException("A previous write is still in progress; writes must not overlap.");
        }

        ThrowIfFinished();
        _writing = true;
        try
        {
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call.CallToken)
                : null;
            var token = linked?.Token ?? _call.CallToken;
            var stream = await _content.Stream.WaitAsync(token).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
            MessageFrameWriter.Write(_buffer, message, _call.Method.RequestMarshaller, _call.CompressionThreshold(WriteOptions), null);
            await stream.WriteAsync(_buffer.WrittenMemory, token).ConfigureAwait(false);
            if (!WriteOptions.Has(WriteOptions, WriteFlags.BufferHint))
            {
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException || ex is not (RpcException or InvalidOperationException))
        {
            // ObjectDisposedException is an InvalidOperationException, but here it is the transport's:
            // the request stream of a call the server has ended is disposed under a write.
            if (cancellationToken.IsCancellationRequested)
            {
                _call.CancelByCaller();
            }

            if (cancellationToken.IsCancellationRequested || _call.CallToken.IsCancellationRequested)
            {
                // The caller, the deadline or disposal ended the call: that is its status.
                _call.Finish(_call.MapException(ex), null);
                throw _call.StatusException();
            }

            // The transport stopped taking the request: the server may have ended the call (with
            // its own status, on its way in the response) or the connection failed. The response
            // decides the call's status; this write reports the status known so far.
            throw new RpcException(_call.MapException(ex));
        }
        finally
        {
            _writing = false;
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        _content.Complete();
        return Task.CompletedTask;
    }

    private void ThrowIfFinished()
    {
        if (!_call.IsFinished)
        {
            return;
        }

        if (_call.GetStatus().StatusCode != StatusCode.OK)
        {
            throw _call.StatusException();
        }

        throw new InvalidOperationException("Can't write the message because the call is complete.");
    }
}
