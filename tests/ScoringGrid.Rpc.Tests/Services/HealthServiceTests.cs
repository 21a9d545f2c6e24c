using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Rpc.Health;
using ScoringGrid.Rpc.Tests.Fixtures;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ScoringGrid.Rpc.Tests.Services;

public sealed class HealthServiceTests
{
    [Fact]
    public async Task Check_reports_the_server_and_each_registered_service()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        foreach (var service in new[] { "", "grpc.health.v1.Health", "grpc.testing.TestService", "grpc.reflection.v1alpha.ServerReflection" })
        {
            var response = await invoker.AsyncUnaryCall(HealthMethods.Check, TestTimeouts.Options(), new HealthCheckRequest { Service = service });
            Assert.Equal(ServingStatus.Serving, response.Status);
        }

        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            invoker.AsyncUnaryCall(HealthMethods.Check, TestTimeouts.Options(), new HealthCheckRequest { Service = "no.Such" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_changes_and_ends_with_unavailable_at_shutdown()
    {
        var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var health = GetHealth(server);

        using var watch = invoker.AsyncServerStreamingCall(HealthMethods.Watch, TestTimeouts.Options(), new HealthCheckRequest { Service = "custom" });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, watch.ResponseStream.Current.Status);

        health.SetStatus("custom", ServingStatus.Serving);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        health.SetStatus("custom", ServingStatus.NotServing);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);

        health.SetStatus("custom", ServingStatus.Serving);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var stopping = server.DisposeAsync().AsTask();
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        var end = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, end.StatusCode);
        await stopping.WaitAsync(TestTimeouts.Wait);
    }

    private static HealthService GetHealth(TestServer server) => server.Services.GetRequiredService<HealthService>();
}
