namespace ScoringGrid.Rpc.Client;

/// <summary>Starts calls of the four kinds.</summary>
public abstract class CallInvoker
{
    /// <summary>Starts a unary call.</summary>
    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request);

    /// <summary>Starts a client-streaming call.</summary>
    public abstract AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options);

    /// <summary>Starts a server-streaming call.</summary>
    public abstract AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request);

    /// <summary>Starts a bidirectional-streaming call.</summary>
    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options);
}

/// <summary>Starts calls as HTTP/2 requests on a channel.</summary>
internal sealed class HttpCallInvoker : CallInvoker
{
    private readonly GrpcChannel _channel;

    public HttpCallInvoker(GrpcChannel channel) => _channel = channel;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, Check(method, MethodType.Unary), options);
        call.StartWithMessage(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, Check(method, MethodType.ClientStreaming), options);
        var writer = call.StartWithStream();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, call.ReadSingleResponseAsync(), call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, Check(method, MethodType.ServerStreaming), options);
        call.StartWithMessage(request);
        return new AsyncServerStreamingCall<TResponse>(new HttpClientResponseStream<TRequest, TResponse>(call), call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(_channel, Check(method, MethodType.DuplexStreaming), options);
        var writer = call.StartWithStream();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, new HttpClientResponseStream<TRequest, TResponse>(call), call);
    }

    private static Method<TRequest, TResponse> Check<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType type)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != type)
        {
            throw new ArgumentException($"Method {method.FullName} is {method.Type}, not {type}.", nameof(method));
        }

        return method;
    }
}
