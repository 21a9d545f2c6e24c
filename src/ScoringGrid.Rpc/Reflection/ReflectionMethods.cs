using Grpc.Reflection.V1Alpha;

namespace ScoringGrid.Rpc.Reflection;

/// <summary>The method of <c>grpc.reflection.v1alpha.ServerReflection</c>.</summary>
public static class ReflectionMethods
{
    /// <summary>Service name.</summary>
    public const string ServiceName = "grpc.reflection.v1alpha.ServerReflection";

    /// <summary>ServerReflectionInfo: bidirectional streaming.</summary>
    public static readonly Method<ServerReflectionRequest, ServerReflectionResponse> ServerReflectionInfo = new(
        MethodType.DuplexStreaming, ServiceName, "ServerReflectionInfo",
        Marshallers.Protobuf(ServerReflectionRequest.Parser), Marshallers.Protobuf(ServerReflectionResponse.Parser));
}
