using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace ScoringGrid.Rpc.Client;

/// <summary>
/// One call as an HTTP/2 request: sends headers and request messages, reads response
/// headers, messages and trailers, enforces the deadline locally, and maps everything that
/// can go wrong onto a gRPC status (first status wins).
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IGrpcCallState
{
    private static readonly TransferCodingWithQualityHeaderValue TeTrailers = new(GrpcProtocol.TeTrailers);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    private readonly string? _requestEncoding;
    private Task<HttpResponseMessage?> _responseTask = Task.FromResult<HttpResponseMessage?>(null);
    private RequestStreamContent? _requestStream;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;
    private bool _userCancelled;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _requestEncoding = options.Compression ?? channel.Options.SendCompression;
        if (_requestEncoding is not (null or GrpcProtocol.GzipEncoding or GrpcProtocol.IdentityEncoding))
        {
            throw new ArgumentException($"Compression '{_requestEncoding}' must be gzip or identity.", nameof(options));
        }

        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var timeout = deadline.ToUniversalTime() - DateTime.UtcNow;
            _deadlineCts = new CancellationTokenSource(timeout > TimeSpan.Zero ? Min(timeout, TimeSpan.FromDays(24)) : TimeSpan.Zero);
            _callCts = CancellationTokenSource.CreateLinkedTokenSource(_deadlineCts.Token);
        }
        else
        {
            _callCts = new CancellationTokenSource();
        }

        _callCts.Token.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).OnCancelled(), this);

        // The caller's token usually outlives the call (a request's or a worker's): the call is tied to
        // it by a registration that the call's end removes, so finished calls are not kept reachable
        // from the caller's token (as a linked token source, never disposed, would keep them).
        if (options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = options.CancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).CancelCallToken(), this);
        }
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public Method<TRequest, TResponse> Method => _method;

    public CancellationToken CallToken => _callCts.Token;

    public WriteOptions? WriteOptions => _options.WriteOptions;

    public bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _status is not null;
            }
        }
    }

    public Status GetStatus()
    {
        lock (_lock)
        {
            return _status ?? throw new InvalidOperationException("The call has not finished yet.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            return _status is null
                ? throw new InvalidOperationException("The call has not finished yet.")
                : _trailers ?? new Metadata();
        }
    }

    /// <summary>Starts a call whose request is one message (unary, server streaming).</summary>
    public void StartWithMessage(TRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        MessageFrameWriter.Write(buffer, request, _method.RequestMarshaller, CompressionThreshold(_options.WriteOptions), _channel.Options.MaxSendMessageSize);
        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
        _responseTask = SendAsync(content);
    }

    /// <summary>Starts a call whose requests are a stream (client streaming, duplex).</summary>
    public IClientStreamWriter<TRequest> StartWithStream()
    {
        _requestStream = new RequestStreamContent();
        _responseTask = SendAsync(_requestStream);
        return new HttpClientRequestStream<TRequest, TResponse>(this, _requestStream);
    }

    /// <summary>Reads the one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var response = await _responseTask.ConfigureAwait(false);
        if (response is null)
        {
            throw StatusException();
        }

        try
        {
            var first = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
            if (!first.HasMessage)
            {
                FinishFromTrailers();
                if (GetStatus().StatusCode == StatusCode.OK)
                {
                    Finish(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."), null, overwriteOk: true);
                }

                throw StatusException();
            }

            var extra = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
            if (extra.HasMessage)
            {
                Finish(new Status(StatusCode.Internal, "The server sent more than one response message for a single-response method."), null);
                throw StatusException();
            }

            FinishFromTrailers();
            if (GetStatus().StatusCode != StatusCode.OK)
            {
                throw StatusException();
            }

            return first.Message;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            Finish(MapException(ex), null);
            throw StatusException();
        }
    }

    /// <summary>Reads the next message of a response stream; false at its OK end.</summary>
    public async Task<(bool HasMessage, TResponse Message)> MoveNextAsync(CancellationToken cancellationToken)
    {
        var response = await _responseTask.ConfigureAwait(false);
        if (response is null || _reader is null)
        {
            return GetStatus().StatusCode == StatusCode.OK ? (false, default!) : throw StatusException();
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelByCaller(), this)
            : default;
        try
        {
            var next = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
            if (next.HasMessage)
            {
                return (true, next.Message);
            }

            FinishFromTrailers();
            return GetStatus().StatusCode == StatusCode.OK ? (false, default!) : throw StatusException();
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            Finish(MapException(ex), null);
            throw StatusException();
        }
    }

    /// <summary>The call's status as an exception (the call must have finished).</summary>
    public RpcException StatusException()
    {
        lock (_lock)
        {
            var status = _status ?? new Status(StatusCode.Internal, "The call failed without a status.");
            return new RpcException(status, _trailers ?? new Metadata());
        }
    }

    /// <summary>Maps a failure of the transport onto a status, preferring the call's own.</summary>
    public Status MapException(Exception exception)
    {
        lock (_lock)
        {
            if (_status is { } existing)
            {
                return existing;
            }
        }

        if (_deadlineCts is { IsCancellationRequested: true })
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (_userCancelled || _options.CancellationToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RpcException rpc:
                    return rpc.Status;
                case HttpProtocolException protocol:
                    return MapHttp2Error(protocol.ErrorCode, protocol.Message);
            }
        }

        return exception switch
        {
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, "Error communicating with the server: " + exception.Message),
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled."),
            _ => new Status(StatusCode.Internal, "Error in the call: " + exception.GetType().Name + ": " + exception.Message),
        };
    }

    /// <summary>Ends the call with a status; the first status wins. A non-OK status resets the stream.</summary>
    public void Finish(Status status, Metadata? trailers, bool overwriteOk = false)
    {
        lock (_lock)
        {
            if (_status is not null && !(overwriteOk && _status.Value.StatusCode == StatusCode.OK))
            {
                return;
            }

            _status = status;
            _trailers = trailers ?? _trailers;
        }

        _headers.TrySetException(new RpcException(status, trailers ?? new Metadata()));
        _headers.Task.Exception?.Handle(static _ => true);
        _requestStream?.Abort();
        if (status.StatusCode != StatusCode.OK)
        {
            _callCts.Cancel();
            _response?.Dispose();
        }

        _deadlineCts?.Dispose();
        _callerRegistration.Unregister();
    }

    public void CancelByCaller()
    {
        _userCancelled = true;
        Finish(new Status(StatusCode.Cancelled, "Call canceled by the client."), null);
    }

    public void Dispose()
    {
        if (!IsFinished)
        {
            CancelByCaller();
        }

        _response?.Dispose();
    }

    public int CompressionThreshold(WriteOptions? writeOptions) =>
        _requestEncoding == GrpcProtocol.GzipEncoding && !WriteOptions.Has(writeOptions, WriteFlags.NoCompress)
            ? 0
            : MessageFrameWriter.NeverCompress;

    private async Task<HttpResponseMessage?> SendAsync(HttpContent content)
    {
        if (_callCts.IsCancellationRequested)
        {
            Finish(MapException(new OperationCanceledException()), null);
            return null;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TE.Add(TeTrailers);
        headers.TryAddWithoutValidation("User-Agent", _channel.Options.UserAgent);
        if (_channel.Options.AcceptCompressedResponses)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        }

        if (_requestEncoding == GrpcProtocol.GzipEncoding)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }

        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? MetadataHeaders.EncodeBase64(entry.ValueBytes) : entry.Value);
            }
        }

        try
        {
            var response = await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
            _response = response;
            var responseHeaders = ToMetadata(response.Headers);
            if (ValidateResponse(response) is { } ended)
            {
                _headers.TrySetResult(responseHeaders);
                Finish(ended, ended.StatusCode == StatusCode.OK ? responseHeaders : ToMetadata(response.Headers));
                response.Dispose();
                return null;
            }

            _headers.TrySetResult(responseHeaders);
            _responseEncoding = FirstValue(response.Headers, GrpcProtocol.EncodingHeader);
            var body = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
            _reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: false));
            if (IsFinished)
            {
                return null;
            }

            return response;
        }
        catch (Exception ex)
        {
            Finish(MapException(ex), null);
            return null;
        }
    }

    /// <summary>Checks HTTP status and content-type; returns the final status for a Trailers-Only or non-gRPC response.</summary>
    private static Status? ValidateResponse(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Status(MapHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}.");
        }

        return FirstValue(response.Headers, GrpcProtocol.StatusHeader) is { } statusText
            ? ParseStatus(statusText, FirstValue(response.Headers, GrpcProtocol.MessageHeader))
            : null;
    }

    private ValueTask<MessageReadResult<TResponse>> ReadMessageAsync(CancellationToken cancellationToken) =>
        MessageFrameReader.ReadAsync(_reader!, _method.ResponseMarshaller, _channel.Options.MaxReceiveMessageSize, _responseEncoding,
            cancellationToken.CanBeCanceled ? cancellationToken : _callCts.Token);

    private void FinishFromTrailers()
    {
        var response = _response!;
        var trailers = response.TrailingHeaders;
        var statusText = FirstValue(trailers, GrpcProtocol.StatusHeader);
        var status = statusText is null
            ? new Status(StatusCode.Internal, "The server's response ended without a grpc-status trailer.")
            : ParseStatus(statusText, FirstValue(trailers, GrpcProtocol.MessageHeader));
        Finish(status, ToMetadata(trailers));
        response.Dispose();
    }

    private void CancelCallToken()
    {
        try
        {
            _callCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call has ended.
        }
    }

    private void OnCancelled() => Finish(MapException(new OperationCanceledException()), null);

    private static Status ParseStatus(string statusText, string? message)
    {
        var detail = message is null ? string.Empty : StatusMessageEncoding.Decode(message);
        return int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{statusText}'. {detail}".TrimEnd());
    }

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (Metadata.IsReservedKey(header.Key))
            {
                continue;
            }

            var values = new string[header.Value.Count];
            var i = 0;
            foreach (var value in header.Value)
            {
                values[i++] = value;
            }

            MetadataHeaders.AddHeader(metadata, header.Key.ToLowerInvariant(), values);
        }

        return metadata;
    }

    private static string? FirstValue(HttpHeaders headers, string name)
    {
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static StatusCode MapHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static Status MapHttp2Error(long errorCode, string message) => errorCode switch
    {
        0x0 => new Status(StatusCode.Internal, "The server reset the stream (NO_ERROR) before sending a status."),
        0x7 => new Status(StatusCode.Unavailable, "The server refused the stream: " + message),
        0x8 => new Status(StatusCode.Cancelled, "The server cancelled the stream: " + message),
        0xB => new Status(StatusCode.ResourceExhausted, "The server asked to slow down (ENHANCE_YOUR_CALM): " + message),
        0xC => new Status(StatusCode.PermissionDenied, "The connection is not secure enough: " + message),
        _ => new Status(StatusCode.Internal, "HTTP/2 error: " + message),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
