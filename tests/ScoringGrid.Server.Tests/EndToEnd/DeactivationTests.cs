using ScoringGrid.Contracts;
using Microsoft.Extensions.DependencyInjection;
using ScoringGrid.Grains;
using ScoringGrid.Server.Services;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>Idle grains leave memory with their state written, and come back with it.</summary>
public sealed class DeactivationTests
{
    [Fact]
    public async Task Scores_survive_idle_deactivation()
    {
        await using var server = await ScoringServer.StartAsync(
            "--ScoringGrid:Grains:CollectionAge=00:00:00.001", "--ScoringGrid:Grains:CollectionQuantum=00:00:00");
        var runtime = server.Services.GetRequiredService<GrainRuntime>();
        var batch = Batch(Make("ann", "bob", InteractionKind.Mention, T0), Make("bob", "ann", InteractionKind.Reply, T0 + Hour), Make("ann", "bob", InteractionKind.Like, T0 + 2 * Hour));
        await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ScoringServer.As(ScoringServer.KeyA), batch).ResponseAsync;
        var request = new GetRelationshipRequest { Pair = new AccountPair { AccountA = "ann", AccountB = "bob" }, AsOf = T0 + 3 * Hour };
        var before = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

        await Task.Delay(20);
        await runtime.CollectIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, runtime.Partitions.Sum(p => p.ActivationCount));

        var after = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;
        Assert.Equal(before, after);
        Assert.Equal(2ul, after.AToBCounts.Aggregate(0ul, (sum, c) => sum + c.Count));
        var duplicate = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ScoringServer.As(ScoringServer.KeyA), batch).ResponseAsync;
        Assert.Equal(3u, duplicate.Duplicates);
    }
}
