using System.Runtime.CompilerServices;

namespace ScoringGrid.Rpc.Client;

/// <summary>A unary call in progress; await it for the response.</summary>
/// <typeparam name="TResponse">Response type.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IGrpcCallState _state;

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IGrpcCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>The response; fails with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>Awaits the response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>The status, once the call has ended.</summary>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers, once the call has ended.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _state.Dispose();
}
