using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>
/// A service as the server serves it: its name, its protobuf descriptor (for reflection)
/// and a handler per method. Built with <see cref="CreateBuilder"/>.
/// </summary>
public sealed class ServerServiceDefinition
{
    private readonly IReadOnlyList<MethodBinding> _methods;

    private ServerServiceDefinition(string name, ServiceDescriptor? descriptor, IReadOnlyList<MethodBinding> methods)
    {
        Name = name;
        Descriptor = descriptor;
        _methods = methods;
    }

    /// <summary>Fully qualified service name.</summary>
    public string Name { get; }

    /// <summary>The protobuf descriptor, when known; reflection serves it.</summary>
    public ServiceDescriptor? Descriptor { get; }

    /// <summary>The method paths, <c>/service/method</c>.</summary>
    public IEnumerable<string> MethodPaths => _methods.Select(m => m.FullName);

    /// <summary>Starts a definition for a service.</summary>
    public static Builder CreateBuilder(string serviceName, ServiceDescriptor? descriptor = null) => new(serviceName, descriptor);

    internal IEnumerable<ServerCallHandler> CreateHandlers(RpcServerOptions options, ILogger logger) =>
        _methods.Select(m => m.CreateHandler(options, logger));

    /// <summary>Collects the methods of one service.</summary>
    public sealed class Builder
    {
        private readonly string _name;
        private readonly ServiceDescriptor? _descriptor;
        private readonly List<MethodBinding> _methods = new();

        internal Builder(string name, ServiceDescriptor? descriptor)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (descriptor is not null && descriptor.FullName != name)
            {
                throw new ArgumentException($"Descriptor '{descriptor.FullName}' does not describe service '{name}'.", nameof(descriptor));
            }

            _name = name;
            _descriptor = descriptor;
        }

        /// <summary>Adds a unary method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        {
            ArgumentNullException.ThrowIfNull(handler);
            return Add(method, MethodType.Unary, handler,
                (o, l) => new UnaryCallHandler<TRequest, TResponse>(method, (request, context) => new ValueTask<TResponse>(handler(request, context)), o, l));
        }

        /// <summary>Adds a unary method whose handler answers with a <see cref="ValueTask{TResult}"/>.</summary>
        public Builder AddUnaryMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryValueServerMethod<TRequest, TResponse> handler) =>
            Add(method, MethodType.Unary, handler, (o, l) => new UnaryCallHandler<TRequest, TResponse>(method, handler, o, l));

        /// <summary>Adds a client-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) =>
            Add(method, MethodType.ClientStreaming, handler, (o, l) => new ClientStreamingCallHandler<TRequest, TResponse>(method, handler, o, l));

        /// <summary>Adds a server-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) =>
            Add(method, MethodType.ServerStreaming, handler, (o, l) => new ServerStreamingCallHandler<TRequest, TResponse>(method, handler, o, l));

        /// <summary>Adds a bidirectional-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) =>
            Add(method, MethodType.DuplexStreaming, handler, (o, l) => new DuplexStreamingCallHandler<TRequest, TResponse>(method, handler, o, l));

        /// <summary>The finished definition.</summary>
        public ServerServiceDefinition Build() => new(_name, _descriptor, _methods.ToArray());

        private Builder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, Delegate handler,
            Func<RpcServerOptions, ILogger, ServerCallHandler> factory)
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentNullException.ThrowIfNull(handler);
            if (method.ServiceName != _name)
            {
                throw new ArgumentException($"Method {method.FullName} does not belong to service '{_name}'.", nameof(method));
            }

            if (method.Type != expected)
            {
                throw new ArgumentException($"Method {method.FullName} is {method.Type} but the handler is for {expected}.", nameof(handler));
            }

            if (_methods.Any(m => m.FullName == method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} is added twice.", nameof(method));
            }

            _methods.Add(new MethodBinding(method.FullName, factory));
            return this;
        }
    }

    private sealed record MethodBinding(string FullName, Func<RpcServerOptions, ILogger, ServerCallHandler> Factory)
    {
        public ServerCallHandler CreateHandler(RpcServerOptions options, ILogger logger) => Factory(options, logger);
    }
}
