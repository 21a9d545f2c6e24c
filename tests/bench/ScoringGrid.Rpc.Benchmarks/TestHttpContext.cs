using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ScoringGrid.Rpc.Benchmarks;

/// <summary>
/// One HTTP/2 request reused for every benchmark iteration: the request body is a prepared
/// gRPC frame, the response body goes to a reusable buffer, and the persistent state outlives each
/// call as a pooled Kestrel stream's does. Only the gRPC layer's own work (and the messages) is left
/// to allocate.
/// </summary>
internal sealed class TestHttpContext
{
    private readonly ReplayPipeReader _body;
    private readonly BufferPipeWriter _response = new();
    private readonly IHeaderDictionary _requestHeaders = new HeaderDictionary();
    private readonly IHeaderDictionary _responseHeaders = new HeaderDictionary();
    private readonly IHeaderDictionary _trailers = new HeaderDictionary();
    private readonly Features _features;

    public TestHttpContext(string path, byte[] requestFrame, params (string Name, string Value)[] headers)
    {
        _body = new ReplayPipeReader(requestFrame);
        _requestHeaders.ContentType = "application/grpc";
        _requestHeaders.TE = "trailers";
        foreach (var (name, value) in headers)
        {
            _requestHeaders[name] = value;
        }

        _features = new Features(this, path);
        var collection = new FeatureCollection();
        collection.Set<IHttpRequestFeature>(_features);
        collection.Set<IHttpResponseFeature>(_features);
        collection.Set<IHttpResponseBodyFeature>(_features);
        collection.Set<IRequestBodyPipeFeature>(_features);
        collection.Set<IHttpResponseTrailersFeature>(_features);
        collection.Set<IHttpRequestLifetimeFeature>(_features);
        collection.Set<IPersistentStateFeature>(_features);
        Context = new DefaultHttpContext(collection);
    }

    public HttpContext Context { get; }

    public int ResponseBytes => _response.Written;

    public IHeaderDictionary Trailers => _trailers;

    /// <summary>Readies the context for the next call.</summary>
    public void Reset()
    {
        _body.Reset();
        _response.Reset();
        _responseHeaders.Clear();
        _trailers.Clear();
        _features.StatusCode = 200;
    }

    private sealed class Features(TestHttpContext owner, string path) : IHttpRequestFeature, IHttpResponseFeature, IHttpResponseBodyFeature,
        IRequestBodyPipeFeature, IHttpResponseTrailersFeature, IHttpRequestLifetimeFeature, IPersistentStateFeature
    {
        public IDictionary<object, object?> State { get; } = new Dictionary<object, object?>();

        public string Protocol { get; set; } = "HTTP/2";
        public string Scheme { get; set; } = "http";
        public string Method { get; set; } = "POST";
        public string PathBase { get; set; } = string.Empty;
        public string Path { get; set; } = path;
        public string QueryString { get; set; } = string.Empty;
        public string RawTarget { get; set; } = path;
        public IHeaderDictionary Headers { get; set; } = owner._requestHeaders;
        public Stream Body { get; set; } = Stream.Null;
        public int StatusCode { get; set; } = 200;
        public string? ReasonPhrase { get; set; }
        IHeaderDictionary IHttpResponseFeature.Headers { get => owner._responseHeaders; set { } }
        Stream IHttpResponseFeature.Body { get; set; } = Stream.Null;
        public bool HasStarted => false;
        public Stream Stream => Stream.Null;
        public PipeWriter Writer => owner._response;
        public PipeReader Reader => owner._body;
        public IHeaderDictionary Trailers { get => owner._trailers; set { } }
        public CancellationToken RequestAborted { get; set; }

        public void OnStarting(Func<object, Task> callback, object state) { }
        public void OnCompleted(Func<object, Task> callback, object state) { }
        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task CompleteAsync() => Task.CompletedTask;
        public void Abort() { }
    }

    /// <summary>Returns the same bytes, then the end of the stream, after each reset.</summary>
    private sealed class ReplayPipeReader(byte[] bytes) : PipeReader
    {
        private readonly ReadOnlySequence<byte> _all = new(bytes);
        private ReadOnlySequence<byte> _remaining;

        public void Reset() => _remaining = _all;

        public override bool TryRead(out ReadResult result)
        {
            result = new ReadResult(_remaining, false, true);
            return true;
        }

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            new(new ReadResult(_remaining, false, true));

        public override void AdvanceTo(SequencePosition consumed) => _remaining = _remaining.Slice(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => AdvanceTo(consumed);

        public override void CancelPendingRead() { }

        public override void Complete(Exception? exception = null) { }
    }

    /// <summary>Writes into one reusable buffer.</summary>
    private sealed class BufferPipeWriter : PipeWriter
    {
        private readonly byte[] _buffer = new byte[1 << 20];

        public int Written { get; private set; }

        public void Reset() => Written = 0;

        public override void Advance(int bytes) => Written += bytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Written);

        public override Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Written);

        public override void CancelPendingFlush() { }

        public override void Complete(Exception? exception = null) { }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => new(new FlushResult(false, false));
    }
}
