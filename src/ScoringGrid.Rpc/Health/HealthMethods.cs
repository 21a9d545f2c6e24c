using Grpc.Health.V1;

namespace ScoringGrid.Rpc.Health;

/// <summary>The methods of <c>grpc.health.v1.Health</c>.</summary>
public static class HealthMethods
{
    /// <summary>Service name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    /// <summary>Check: unary.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = new(
        MethodType.Unary, ServiceName, "Check",
        Marshallers.Protobuf(HealthCheckRequest.Parser), Marshallers.Protobuf(HealthCheckResponse.Parser));

    /// <summary>Watch: server streaming.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = new(
        MethodType.ServerStreaming, ServiceName, "Watch",
        Marshallers.Protobuf(HealthCheckRequest.Parser), Marshallers.Protobuf(HealthCheckResponse.Parser));
}
