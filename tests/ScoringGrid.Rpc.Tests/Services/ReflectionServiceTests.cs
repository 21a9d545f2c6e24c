using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using ScoringGrid.Rpc.Reflection;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Services;

public sealed class ReflectionServiceTests : IClassFixture<TestServerFixture>
{
    private readonly TestServerFixture _fixture;

    public ReflectionServiceTests(TestServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Lists_services_and_serves_descriptors_by_symbol_and_file_name()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService" },
            new ServerReflectionRequest { FileContainingSymbol = "grpc.testing.SimpleRequest" },
            new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" },
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });

        var services = responses[0].ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("grpc.testing.TestService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);

        var testFiles = responses[1].FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        Assert.Equal("grpc/testing/test.proto", testFiles[0].Name);
        Assert.Contains(testFiles[0].Service, s => s.Name == "TestService" && s.Method.Any(m => m.Name == "FullDuplexCall"));
        Assert.Contains(testFiles, f => f.Name == "grpc/testing/messages.proto");

        var messagesFile = FileDescriptorProto.Parser.ParseFrom(responses[2].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Contains(messagesFile.MessageType, m => m.Name == "SimpleRequest");

        var healthFile = FileDescriptorProto.Parser.ParseFrom(responses[3].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("grpc.health.v1", healthFile.Package);

        Assert.Equal((int)StatusCode.NotFound, responses[4].ErrorResponse.ErrorCode);
        Assert.Equal("no.such.Symbol", responses[4].OriginalRequest.FileContainingSymbol);
    }

    private async Task<List<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        var invoker = _fixture.Channel.CreateCallInvoker();
        using var call = invoker.AsyncDuplexStreamingCall(ReflectionMethods.ServerReflectionInfo, TestTimeouts.Options());
        var responses = new List<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            responses.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return responses;
    }
}
