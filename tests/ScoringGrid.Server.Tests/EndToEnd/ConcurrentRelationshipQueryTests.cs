using ScoringGrid.Contracts;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetRelationship reuses its query and reply objects from pools: many calls in flight at once, on
/// pairs with different figures, in either order, found and not found, mixed with batches, must each
/// get their own pair's answer.
/// </summary>
public sealed class ConcurrentRelationshipQueryTests : IAsyncLifetime
{
    private const int Pairs = 40;
    private ScoringServer _server = null!;

    public async Task InitializeAsync() => _server = await ScoringServer.StartAsync("--ScoringGrid:Grains:Partitions=4");

    public async Task DisposeAsync() => await _server.DisposeAsync();


    [Fact(Timeout = 120_000)]
    public async Task Calls_in_flight_together_each_get_their_own_pair()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        string Fan(int i) => $"fan-{i:D2}-{run}";
        string Brand(int i) => $"brand-{i % 3}-{run}";

        // Fan i likes its brand i + 1 times and is answered with i % 4 replies: each pair's counts are its own.
        var batch = new List<Interaction>();
        for (var i = 0; i < Pairs; i++)
        {
            for (var c = 0; c <= i; c++)
            {
                batch.Add(Make(Fan(i), Brand(i), InteractionKind.Like, T0 + (i * 100) + c));
            }

            for (var r = 0; r < i % 4; r++)
            {
                batch.Add(Make(Brand(i), Fan(i), InteractionKind.Reply, T0 + (i * 100) + 50 + r));
            }
        }

        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch([.. batch]));
        Assert.Equal((uint)batch.Count, ack.Accepted);
        var asOf = T0 + Hour;

        var calls = new List<Task>();
        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < Pairs; i++)
            {
                var pair = i;
                var flipped = (round + i) % 2 == 1;
                calls.Add(Task.Run(async () =>
                {
                    var (a, b) = flipped ? (Brand(pair), Fan(pair)) : (Fan(pair), Brand(pair));
                    var relationship = await _server.CallAsync(ScoringGridMethods.GetRelationship,
                        new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = b }, AsOf = asOf });
                    Assert.Equal(a, relationship.Pair.AccountA);
                    Assert.Equal(b, relationship.Pair.AccountB);
                    var (fanToBrand, brandToFan) = flipped ? (relationship.BToACounts, relationship.AToBCounts) : (relationship.AToBCounts, relationship.BToACounts);
                    Assert.Equal((ulong)(pair + 1), Count(fanToBrand, InteractionKind.Like));
                    Assert.Equal((ulong)(pair % 4), Count(brandToFan, InteractionKind.Reply));
                }));
            }

            // Pairs that never interacted (NOT_FOUND), and a batch, in among them.
            calls.Add(Task.Run(async () =>
            {
                var error = await Assert.ThrowsAsync<ScoringGrid.Rpc.RpcException>(() => _server.CallAsync(ScoringGridMethods.GetRelationship,
                    new GetRelationshipRequest { Pair = new AccountPair { AccountA = Fan(0), AccountB = Fan(1) }, AsOf = asOf }));
                Assert.Equal(ScoringGrid.Rpc.StatusCode.NotFound, error.StatusCode);
            }));
            calls.Add(Task.Run(async () =>
            {
                var request = new BatchGetRelationshipsRequest { AsOf = asOf };
                for (var i = 0; i < Pairs; i++)
                {
                    request.Pairs.Add(new AccountPair { AccountA = Fan(i), AccountB = Brand(i) });
                }

                var response = await _server.CallAsync(ScoringGridMethods.BatchGetRelationships, request);
                for (var i = 0; i < Pairs; i++)
                {
                    Assert.Equal(Fan(i), response.Results[i].Relationship.Pair.AccountA);
                    Assert.Equal((ulong)(i + 1), Count(response.Results[i].Relationship.AToBCounts, InteractionKind.Like));
                }
            }));
        }

        await Task.WhenAll(calls);
    }

    private static ulong Count(IEnumerable<KindCount> counts, InteractionKind kind) =>
        counts.Where(c => c.Kind == kind).Select(c => c.Count).FirstOrDefault();
}
