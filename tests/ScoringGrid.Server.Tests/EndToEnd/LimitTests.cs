using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Services;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>Configured limits answer RESOURCE_EXHAUSTED and leave the state as it was.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task A_batch_over_the_limit_is_resource_exhausted()
    {
        await using var server = await ScoringServer.StartAsync("--ScoringGrid:Limits:MaxBatchSize=3");
        var batch = Batch(Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ScoringServer.As(ScoringServer.KeyA), batch).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("interactions", error.Status.Detail);
        var none = await Assert.ThrowsAsync<RpcException>(() => server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore,
            ScoringServer.As(ScoringServer.KeyA), new GetAccountScoreRequest { AccountId = "a" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_streamed_batch_over_the_limit_ends_the_stream_with_resource_exhausted()
    {
        await using var server = await ScoringServer.StartAsync("--ScoringGrid:Limits:MaxBatchSize=3");
        var batch = Batch(Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0), Make("a", "b", InteractionKind.Like, T0));

        // The request stream stays open: the server's reader is waiting for the next batch when the
        // failed batch's status must end the call, whichever side notices first (many times over).
        for (var attempt = 0; attempt < 25; attempt++)
        {
            using var call = server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ScoringServer.As(ScoringServer.KeyA));
            await call.RequestStream.WriteAsync(batch);
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.True(error.StatusCode == StatusCode.ResourceExhausted, $"attempt {attempt}: the stream ended with {error.StatusCode} ({error.Status.Detail})");
        }
    }

    [Fact]
    public async Task Open_expectations_beyond_the_limit_are_refused_whole()
    {
        await using var server = await ScoringServer.StartAsync("--ScoringGrid:Tenants:tenant-a:Model:MaxOpenExpectationsPerAccount=2");
        var batch = Batch(
            Make("f1", "brand", InteractionKind.Mention, T0),
            Make("f2", "brand", InteractionKind.Mention, T0 + 1),
            Make("f3", "brand", InteractionKind.Mention, T0 + 2),
            Make("f4", "brand", InteractionKind.Like, T0 + 3));

        var ack = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ScoringServer.As(ScoringServer.KeyA), batch).ResponseAsync;

        Assert.Equal(3u, ack.Accepted);
        var refused = Assert.Single(ack.Rejected);
        Assert.Equal(2u, refused.Index);
        Assert.Equal("target", refused.Field);
        Assert.Equal((int)StatusCode.ResourceExhausted, refused.Code);
        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship,
            ScoringServer.As(ScoringServer.KeyA), new GetRelationshipRequest { Pair = new AccountPair { AccountA = "f3", AccountB = "brand" } }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var score = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, ScoringServer.As(ScoringServer.KeyA),
            new GetAccountScoreRequest { AccountId = "brand", AsOf = T0 + 10 }).ResponseAsync;
        Assert.Equal(2ul, score.Received.Single(c => c.Kind == InteractionKind.Mention).Count);
    }
}
