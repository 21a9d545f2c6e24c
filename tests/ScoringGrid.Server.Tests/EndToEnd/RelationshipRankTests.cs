using ScoringGrid.Contracts;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// GetRelationship reads the pair and its rank on each side from the partitions that own them (the
/// pair's and each account's, on a server of four partitions): every rank must be the one the
/// account's own top list gives.
/// </summary>
public sealed class RelationshipRankTests : IAsyncLifetime
{
    private ScoringServer _server = null!;

    public async Task InitializeAsync() => _server = await ScoringServer.StartAsync("--ScoringGrid:Grains:Partitions=4");

    public async Task DisposeAsync() => await _server.DisposeAsync();


    [Fact(Timeout = 60_000)]
    public async Task Ranks_on_both_sides_match_each_accounts_top_list()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var hub = "hub-" + run;
        var partners = Enumerable.Range(1, 12).Select(i => $"partner-{i:D2}-{run}").ToArray();
        var batch = new List<Interaction>();
        for (var i = 0; i < partners.Length; i++)
        {
            // Partner i sends i + 1 comments to the hub: a distinct strength each. The first partner
            // also talks to three others, so on its side the hub is not alone.
            for (var c = 0; c <= i; c++)
            {
                batch.Add(Make(partners[i], hub, InteractionKind.Comment, T0 + (i * 20 + c) * Hour / 60));
            }
        }

        for (var i = 1; i <= 3; i++)
        {
            for (var c = 0; c < 5; c++)
            {
                batch.Add(Make(partners[0], partners[i], InteractionKind.DirectMessage, T0 + (300 + i * 10 + c) * Hour / 60));
            }
        }

        var ack = await _server.CallAsync(ScoringGridMethods.Ingest, Batch([.. batch]));
        Assert.Equal((uint)batch.Count, ack.Accepted);
        var asOf = T0 + 10 * Hour;

        var hubTop = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
            new GetTopRelationshipsRequest { AccountId = hub, Direction = Direction.Both, Limit = 50, AsOf = asOf });
        Assert.Equal(partners.Length, hubTop.Relationships.Count);
        foreach (var partner in partners)
        {
            var relationship = await _server.CallAsync(ScoringGridMethods.GetRelationship,
                new GetRelationshipRequest { Pair = new AccountPair { AccountA = hub, AccountB = partner }, AsOf = asOf });
            var partnerTop = await _server.CallAsync(ScoringGridMethods.GetTopRelationships,
                new GetTopRelationshipsRequest { AccountId = partner, Direction = Direction.Both, Limit = 50, AsOf = asOf });

            Assert.Equal(hub, relationship.Pair.AccountA);
            Assert.Equal(RankIn(hubTop, partner), relationship.RankForA);
            Assert.Equal(RankIn(partnerTop, hub), relationship.RankForB);
        }

        // The strongest partner is the hub's first; the weakest its last.
        var strongest = await _server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = partners[^1], AccountB = hub }, AsOf = asOf });
        Assert.Equal(1u, strongest.RankForB);
        Assert.Equal(1u, strongest.RankForA);
        var weakest = await _server.CallAsync(ScoringGridMethods.GetRelationship,
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = hub, AccountB = partners[0] }, AsOf = asOf });
        Assert.Equal((uint)partners.Length, weakest.RankForA);
        Assert.Equal(4u, weakest.RankForB); // partner 1 sent more to each of its three DM partners than to the hub
    }

    private static uint RankIn(TopRelationshipsResponse top, string other) =>
        top.Relationships.Single(r => r.OtherAccount == other).Rank;
}
