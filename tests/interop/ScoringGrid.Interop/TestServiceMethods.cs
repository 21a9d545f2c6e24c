using Grpc.Testing;
using ScoringGrid.Rpc;

namespace ScoringGrid.Interop;

/// <summary>The methods of <c>grpc.testing.TestService</c> (and the unimplemented service).</summary>
public static class TestServiceMethods
{
    public const string ServiceName = "grpc.testing.TestService";
    public const string UnimplementedServiceName = "grpc.testing.UnimplementedService";

    public static readonly Method<Empty, Empty> EmptyCall = Unary<Empty, Empty>("EmptyCall", Empty.Parser, Empty.Parser);
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Unary<SimpleRequest, SimpleResponse>("UnaryCall", SimpleRequest.Parser, SimpleResponse.Parser);
    public static readonly Method<SimpleRequest, SimpleResponse> CacheableUnaryCall = Unary<SimpleRequest, SimpleResponse>("CacheableUnaryCall", SimpleRequest.Parser, SimpleResponse.Parser);

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall = new(
        MethodType.ServerStreaming, ServiceName, "StreamingOutputCall",
        Marshallers.Protobuf(StreamingOutputCallRequest.Parser), Marshallers.Protobuf(StreamingOutputCallResponse.Parser));

    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall = new(
        MethodType.ClientStreaming, ServiceName, "StreamingInputCall",
        Marshallers.Protobuf(StreamingInputCallRequest.Parser), Marshallers.Protobuf(StreamingInputCallResponse.Parser));

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall = new(
        MethodType.DuplexStreaming, ServiceName, "FullDuplexCall",
        Marshallers.Protobuf(StreamingOutputCallRequest.Parser), Marshallers.Protobuf(StreamingOutputCallResponse.Parser));

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> HalfDuplexCall = new(
        MethodType.DuplexStreaming, ServiceName, "HalfDuplexCall",
        Marshallers.Protobuf(StreamingOutputCallRequest.Parser), Marshallers.Protobuf(StreamingOutputCallResponse.Parser));

    /// <summary>Declared by the service, deliberately not implemented by the server.</summary>
    public static readonly Method<Empty, Empty> UnimplementedCall = Unary<Empty, Empty>("UnimplementedCall", Empty.Parser, Empty.Parser);

    /// <summary>A method of a service the server does not serve at all.</summary>
    public static readonly Method<Empty, Empty> UnimplementedServiceCall = new(
        MethodType.Unary, UnimplementedServiceName, "UnimplementedCall", Marshallers.Protobuf(Empty.Parser), Marshallers.Protobuf(Empty.Parser));

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, Google.Protobuf.MessageParser<TRequest> request, Google.Protobuf.MessageParser<TResponse> response)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> =>
        new(MethodType.Unary, ServiceName, name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
