namespace ScoringGrid.Rpc;

/// <summary>Handler of a unary method.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>
/// Handler of a unary method that answers with a <see cref="ValueTask{TResult}"/>: a handler that
/// usually completes at once then allocates no task for its answer.
/// </summary>
public delegate ValueTask<TResponse> UnaryValueServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>Handler of a client-streaming method.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

/// <summary>Handler of a server-streaming method.</summary>
public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Handler of a bidirectional-streaming method.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
