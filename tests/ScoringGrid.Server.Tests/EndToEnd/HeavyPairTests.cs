using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// Relationships are held packed, with per-kind counts in 8 bits; a pair counted past 255 is kept
/// whole instead. Through the real endpoint its counts stay exact, in memory and across a durable
/// restart.
/// </summary>
public sealed class HeavyPairTests
{
    private const int Views = 2_000;
    private const int BatchSize = 500;

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_pair_counted_past_255_reports_exact_counts(string provider)
    {
        var data = Path.Combine(Path.GetTempPath(), "sg-heavy-" + Guid.NewGuid().ToString("n"));
        string[] settings = ["--ScoringGrid:Storage:Provider=" + provider, "--ScoringGrid:DataDirectory=" + data];
        try
        {
            var server = await ScoringServer.StartAsync(settings);
            try
            {
                await IngestAsync(server);
                await AssertCountsAsync(server);
            }
            finally
            {
                await server.DisposeAsync();
            }

            if (provider == "memory")
            {
                return;
            }

            // Restarted on the same data: the heavy pair comes back from its checkpoint or the log.
            server = await ScoringServer.StartAsync(settings);
            try
            {
                await AssertCountsAsync(server);
            }
            finally
            {
                await server.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task IngestAsync(ScoringServer server)
    {
        using var call = server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ScoringServer.As(ScoringServer.KeyA));
        for (var b = 0; b < Views / BatchSize; b++)
        {
            var items = new Interaction[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                var n = b * BatchSize + i;
                items[i] = Make("viewer", "creator", InteractionKind.View, T0 + n, "v" + n);
            }

            await call.RequestStream.WriteAsync(Batch(items));
        }

        await call.RequestStream.WriteAsync(Batch(Make("creator", "viewer", InteractionKind.Like, T0 + Views, "like")));
        await call.RequestStream.CompleteAsync();
        ulong accepted = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            accepted += call.ResponseStream.Current.Accepted;
        }

        Assert.Equal((ulong)Views + 1, accepted);
    }

    private static async Task AssertCountsAsync(ScoringServer server)
    {
        var relationship = await server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = "viewer", AccountB = "creator" }, AsOf = T0 + Views });
        Assert.Equal((ulong)Views, relationship.AToBCounts.Single(c => c.Kind == InteractionKind.View).Count);
        Assert.Equal(1ul, relationship.BToACounts.Single(c => c.Kind == InteractionKind.Like).Count);
        Assert.Equal(T0, relationship.FirstInteraction);
        Assert.Equal(T0 + Views, relationship.LastInteraction);

        var viewer = await server.CallAsync(ScoringGridMethods.GetAccountScore, new GetAccountScoreRequest { AccountId = "viewer" });
        Assert.Equal((ulong)Views, viewer.Given.Single(c => c.Kind == InteractionKind.View).Count);
    }
}
