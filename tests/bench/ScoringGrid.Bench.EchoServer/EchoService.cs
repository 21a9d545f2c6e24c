using ScoringGrid.Rpc;

namespace ScoringGrid.Bench.Echo;

/// <summary>bench.echo.Echo/Echo: returns the request.</summary>
public static class EchoService
{
    public static readonly Method<EchoMessage, EchoMessage> Echo = new(
        MethodType.Unary, "bench.echo.Echo", "Echo", Marshallers.Protobuf(EchoMessage.Parser), Marshallers.Protobuf(EchoMessage.Parser));

    private static Task<EchoMessage> Handle(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public static ServerServiceDefinition Bind() =>
        ServerServiceDefinition.CreateBuilder("bench.echo.Echo", EchoReflection.Descriptor.Services[0])
            .AddMethod(Echo, Handle)
            .Build();
}
