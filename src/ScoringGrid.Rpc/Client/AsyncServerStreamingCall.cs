using System.Runtime.CompilerServices;

namespace ScoringGrid.Rpc.Client;

/// <summary>A server-streaming call in progress.</summary>
/// <typeparam name="TResponse">Response type.</typeparam>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IGrpcCallState _state;

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IGrpcCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The responses; MoveNext fails with <see cref="RpcException"/> on a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>The status, once the call has ended.</summary>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers, once the call has ended.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _state.Dispose();
}
