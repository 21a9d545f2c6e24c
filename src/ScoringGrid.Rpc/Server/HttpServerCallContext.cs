using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>
/// The state of one call served over HTTP/2: deadline, compression, status and trailers,
/// and the rules for ending the call (trailers, or Trailers-Only when nothing was sent).
/// Writes are serialized with the deadline path by a lock that is taken only when the call
/// has a deadline.
/// </summary>
/// <remarks>
/// One instance serves the calls of one pooled HTTP/2 stream in turn, as the stream's
/// <see cref="HttpContext"/> does (<see cref="For"/>): a handler must not use its context once
/// the call has ended, as it must not use the HTTP context. The deadline's cancellation source and
/// write lock are kept for the next call too: the source is reset when it never fired, and replaced
/// when it did.
/// </remarks>
internal sealed class HttpServerCallContext : ServerCallContext
{
    private static readonly object StateKey = new();

    private HttpContext _http;
    private RpcServerOptions _options;
    private ILogger _logger;
    private string _method;
    private CancellationTokenSource? _deadlineCts; // fires at the deadline or when the caller goes away; kept while it never fired
    private CancellationTokenRegistration _abortLink; // the caller going away cancels _deadlineCts
    private CancellationTokenRegistration _reachedLink; // _deadlineCts completes the task of WhenDeadlineReached
    private bool _hasDeadline;
    private SemaphoreSlim? _writeLock; // the call's lock: _keptWriteLock while it has a deadline, else null
    private SemaphoreSlim? _keptWriteLock;
    private DateTime _deadline = DateTime.MaxValue;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Status _status = Status.DefaultSuccess;
    private bool _responseStarted;
    private bool _completed;
    private bool _deadlineExceeded;

    public HttpServerCallContext(HttpContext http, string method, RpcServerOptions options, ILogger logger) =>
        Reset(http, method, options, logger);

    /// <summary>
    /// The context of a call starting on <paramref name="http"/>: the one the same server stream
    /// used for its previous call, reset, or a new one kept for its next (Kestrel reuses a
    /// connection's streams, and their persistent state with them, once their requests have ended).
    /// </summary>
    public static HttpServerCallContext For(HttpContext http, string method, RpcServerOptions options, ILogger logger)
    {
        var state = http.Features.Get<IPersistentStateFeature>()?.State;
        if (state is not null && state.TryGetValue(StateKey, out var kept) && kept is HttpServerCallContext call)
        {
            call.Reset(http, method, options, logger);
            return call;
        }

        call = new HttpServerCallContext(http, method, options, logger);
        if (state is not null)
        {
            state[StateKey] = call;
        }

        return call;
    }

    /// <summary>The request's grpc-encoding (null or identity when uncompressed).</summary>
    public string? RequestEncoding { get; private set; }

    /// <summary>Size from which response messages are compressed, or <see cref="MessageFrameWriter.NeverCompress"/>.</summary>
    public int ResponseCompressionThreshold { get; private set; } = MessageFrameWriter.NeverCompress;

    /// <summary>Whether the call has a deadline (then <see cref="WhenDeadlineReached"/> may be asked).</summary>
    public bool HasDeadline => _hasDeadline;

    public RpcServerOptions Options => _options;

    public override string Method => _method;

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer => FormatPeer(_http.Connection.RemoteIpAddress, _http.Connection.RemotePort);

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromHeaders(_http.Request.Headers);

    public override CancellationToken CancellationToken => _hasDeadline ? _deadlineCts!.Token : _http.RequestAborted;

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override Status Status
    {
        get => _status;
        set => _status = value;
    }

    public override WriteOptions? WriteOptions { get; set; }

    public override bool IsLastRequestMessageCompressed => LastMessageCompressed;

    internal bool LastMessageCompressed { get; set; }

    public override HttpContext GetHttpContext() => _http;

    /// <summary>
    /// Reads the protocol headers (encoding, accepted encodings, timeout). Returns the status
    /// to end the call with when they are not acceptable.
    /// </summary>
    public Status? Initialize()
    {
        var request = _http.Request.Headers;
        var response = _http.Response;
        response.ContentType = GrpcProtocol.ContentType;

        var encoding = request.GrpcEncoding.ToString();
        if (encoding.Length > 0 && !IsSupportedEncoding(encoding))
        {
            response.Headers.GrpcAcceptEncoding = GrpcProtocol.SupportedEncodings;
            return new Status(StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}.");
        }

        RequestEncoding = encoding.Length > 0 ? encoding : null;

        if (_options.ResponseCompression is { } responseEncoding
            && GrpcProtocol.ListContains(request.GrpcAcceptEncoding.ToString(), responseEncoding))
        {
            response.Headers.GrpcEncoding = responseEncoding;
            ResponseCompressionThreshold = _options.ResponseCompressionMinimumSize;
        }

        var timeoutHeader = request.GrpcTimeout;
        if (timeoutHeader.Count > 0)
        {
            var text = timeoutHeader.ToString();
            if (!GrpcTimeout.TryParse(text, out var timeout))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout header value '{text}'.");
            }

            if (timeout <= _options.MaxDeadline)
            {
                StartDeadline(timeout);
            }
        }

        return null;
    }

    /// <summary>Frames a response message into the body (not flushed). Returns false when the call already ended.</summary>
    public bool WriteMessageCore<T>(T message, Marshaller<T> marshaller)
    {
        if (_completed)
        {
            return false;
        }

        var threshold = WriteOptions.Has(WriteOptions, WriteFlags.NoCompress) ? MessageFrameWriter.NeverCompress : ResponseCompressionThreshold;
        MessageFrameWriter.Write(_http.Response.BodyWriter, message, marshaller, threshold, _options.MaxSendMessageSize);
        _responseStarted = true;
        return true;
    }

    /// <summary>Writes the single response of a unary or client-streaming call.</summary>
    public async ValueTask WriteResponseAsync<T>(T message, Marshaller<T> marshaller)
    {
        if (message is null)
        {
            throw new InvalidOperationException("The handler returned no response message.");
        }

        if (_writeLock is null)
        {
            WriteMessageCore(message, marshaller);
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            WriteMessageCore(message, marshaller);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes and (unless <see cref="WriteOptions"/> says buffer) flushes one message of a response stream.</summary>
    public async Task WriteStreamMessageAsync<T>(T message, Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (!WriteMessageCore(message, marshaller))
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }

            if (!WriteOptions.Has(WriteOptions, WriteFlags.BufferHint))
            {
                var flush = await _http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    throw new OperationCanceledException("The caller is no longer reading the response.");
                }
            }
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            if (_responseStarted || _completed || _http.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
            }

            MetadataHeaders.WriteTo(responseHeaders, _http.Response.Headers);
            _responseStarted = true;
            await _http.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    /// <summary>Turns what a handler threw into the call's status.</summary>
    public void ProcessError(Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                _status = rpc.Status;
                foreach (var entry in rpc.Trailers)
                {
                    ResponseTrailers.Add(entry);
                }

                break;
            case OperationCanceledException or IOException when IsDeadlinePassed():
                _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
                break;
            case OperationCanceledException or IOException when _http.RequestAborted.IsCancellationRequested:
                _status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
                break;
            case var mapped when _options.ExceptionStatus?.Invoke(mapped) is { } status:
                _status = status;
                break;
            default:
                _logger.LogError(exception, "Handler of {Method} threw an exception.", _method);
                var detail = "Exception was thrown by handler.";
                if (_options.EnableDetailedErrors)
                {
                    detail += $" {exception.GetType().Name}: {exception.Message}";
                }

                _status = new Status(StatusCode.Unknown, detail);
                break;
        }
    }

    /// <summary>Ends the call with DEADLINE_EXCEEDED while the handler may still be running.</summary>
    public async Task DeadlineExceededAsync()
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed || !IsDeadlinePassed())
            {
                return;
            }

            _deadlineExceeded = true;
            _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            FinishResponse();
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away first: nothing left to tell the caller.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call with its status, unless the deadline already did.</summary>
    public async ValueTask EndCallAsync()
    {
        if (_writeLock is null)
        {
            FinishResponse();
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            FinishResponse();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call at once with a status: Trailers-Only, nothing sent before.</summary>
    public void EndWithStatus(Status status)
    {
        _status = status;
        FinishResponse();
    }

    /// <summary>
    /// A task that completes when the deadline passes (or the caller goes away); made only for a call
    /// that has a deadline and is still running, so a call that completes at once allocates none.
    /// </summary>
    public Task WhenDeadlineReached()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reachedLink = _deadlineCts!.Token.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), reached);
        return reached.Task;
    }

    /// <summary>Ends the call's deadline: the timer stopped and the source kept for the next call, unless it fired.</summary>
    public void Dispose()
    {
        if (!_hasDeadline)
        {
            return;
        }

        _hasDeadline = false;
        _abortLink.Dispose();
        _reachedLink.Dispose();
        _abortLink = default;
        _reachedLink = default;
        if (!_deadlineCts!.TryReset())
        {
            _deadlineCts.Dispose();
            _deadlineCts = null;
        }
    }

    /// <summary>Readies the context for a call: a used one becomes as a new one.</summary>
    [MemberNotNull(nameof(_http), nameof(_method), nameof(_options), nameof(_logger))]
    private void Reset(HttpContext http, string method, RpcServerOptions options, ILogger logger)
    {
        Dispose(); // ends a deadline left running, if the last call did not (it always does)
        _http = http;
        _method = method;
        _options = options;
        _logger = logger;
        _writeLock = null;
        _deadline = DateTime.MaxValue;
        _requestHeaders = null;
        _responseTrailers = null;
        _status = Status.DefaultSuccess;
        _responseStarted = false;
        _completed = false;
        _deadlineExceeded = false;
        RequestEncoding = null;
        ResponseCompressionThreshold = MessageFrameWriter.NeverCompress;
        WriteOptions = null;
        LastMessageCompressed = false;
    }

    private void FinishResponse()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_http.RequestAborted.IsCancellationRequested && !_deadlineExceeded)
        {
            return;
        }

        var response = _http.Response;
        if (!_responseStarted && !response.HasStarted && _status.StatusCode != StatusCode.OK)
        {
            // Trailers-Only: the status goes in the only HEADERS frame, which ends the stream.
            WriteStatus(response.Headers);
            return;
        }

        var trailers = _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is null || trailers.IsReadOnly)
        {
            _logger.LogWarning("Call {Method}: the connection does not support trailers; status {Status} not sent.", _method, _status.StatusCode);
            return;
        }

        WriteStatus(trailers);
    }

    private void WriteStatus(IHeaderDictionary target)
    {
        target.GrpcStatus = GrpcProtocol.StatusCodeString(_status.StatusCode);
        if (!string.IsNullOrEmpty(_status.Detail))
        {
            target.GrpcMessage = StatusMessageEncoding.Encode(_status.Detail);
        }

        if (_responseTrailers is { Count: > 0 })
        {
            MetadataHeaders.WriteTo(_responseTrailers, target);
        }
    }

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = DateTime.UtcNow + timeout;
        _writeLock = _keptWriteLock ??= new SemaphoreSlim(1, 1);
        var source = _deadlineCts ??= new CancellationTokenSource();
        _hasDeadline = true;
        _abortLink = _http.RequestAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        source.CancelAfter(timeout);
    }

    /// <summary>The deadline timer fired (as opposed to the caller going away).</summary>
    private bool IsDeadlinePassed() => _hasDeadline && _deadlineCts!.IsCancellationRequested && !_http.RequestAborted.IsCancellationRequested;

    private static bool IsSupportedEncoding(string encoding) =>
        encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase)
        || encoding.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase);

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
