using Google.Protobuf;
using Grpc.Testing;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Client;

/// <summary>
/// The request stream of a streaming call when the server ends the call first: the transport stops
/// taking the request, and the call's status is the one the server sent, not the failed write's.
/// </summary>
public sealed class RequestStreamTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_call_the_server_ended_reports_the_servers_status_even_after_a_write_failed()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(ProbeService.RefuseStream, TestTimeouts.Options());
        var payload = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[64 * 1024]) } };

        // Write until the transport refuses the request, which it does once the server has ended the call.
        Exception? writeFailure = null;
        for (var i = 0; i < 2_000 && writeFailure is null; i++)
        {
            try
            {
                await call.RequestStream.WriteAsync(payload);
            }
            catch (RpcException ex)
            {
                writeFailure = ex;
            }
        }

        Assert.NotNull(writeFailure);
        var read = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, read.StatusCode);
        Assert.Equal(ProbeService.Refusal, read.Status.Detail);
        Assert.Equal(StatusCode.Unavailable, call.GetStatus().StatusCode);
    }
}
