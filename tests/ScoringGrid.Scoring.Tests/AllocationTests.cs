using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// Hot-path allocation checks: applying interactions to existing state allocates nothing. These run in a
/// collection of their own, not in parallel with other tests, so that other threads' activity cannot
/// disturb the per-thread allocation counter.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public class AllocationTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Relationship_apply_does_not_allocate_in_the_steady_state()
    {
        var pair = new RelationshipState("alice", "bob");
        var events = new Interaction[64];
        for (int i = 0; i < events.Length; i++)
        {
            var kind = (InteractionKind)(1 + (i % 11));
            events[i] = i % 2 == 0
                ? Ev.Of("alice", "bob", kind, Ev.Base + i * 1000L, sentiment: 0.1)
                : Ev.Of("bob", "alice", kind, Ev.Base + i * 1000L);
        }

        long allocated = Allocations.Measure(() => ApplyRounds(pair, events, 100));

        Assert.Equal(0, allocated);
        Assert.Equal(200 * 32, pair.Score(Ev.Base, Model).CountsAToB.Total);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ApplyRounds(RelationshipState pair, Interaction[] events, int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            foreach (Interaction e in events)
            {
                pair.Apply(e, Model);
            }
        }
    }

    [Fact]
    public void Account_apply_of_known_fans_likes_does_not_allocate_in_the_steady_state()
    {
        var brand = new AccountState("brand");
        var fan = new AccountState("fan");
        var events = new Interaction[32];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = Ev.Of("fan", "brand", i % 3 == 0 ? InteractionKind.Share : InteractionKind.Like, Ev.Base + i);
        }

        long allocated = Allocations.Measure(() => ApplyAccountRounds(brand, fan, events, 100));

        Assert.Equal(0, allocated);
        Assert.Equal(200 * 32, brand.Score(Ev.Base, Model).ReceivedCounts.Total);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ApplyAccountRounds(AccountState brand, AccountState fan, Interaction[] events, int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            foreach (Interaction e in events)
            {
                brand.ApplyAsTarget(e, Model);
                fan.ApplyAsActor(e, Model);
            }
        }
    }

    [Fact]
    public void Top_relationships_updates_do_not_allocate_in_the_steady_state()
    {
        var top = new TopRelationships<string>(50, StringComparer.Ordinal);
        var ids = new string[200];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "acct-" + i;
        }

        var random = new Random(3);
        var keys = new double[10_000];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(0, 1000);
        }

        long allocated = Allocations.Measure(() => UpdateAll(top, ids, keys));

        Assert.Equal(0, allocated);
        Assert.Equal(50, top.Count);
    }

    [Fact]
    public void Ranking_updates_in_the_table_form_do_not_allocate_once_grown()
    {
        var top = new TopRelationships<int>(150, Comparer<int>.Default, lists: 3);
        for (int other = 0; other < 120; other++)
        {
            top.UpdateAll(other, [other, other, other]); // the table grows to its size for 120 others
        }

        long allocated = Allocations.Measure(() => UpdateAllLists(top));

        Assert.Equal(0, allocated);
        Assert.Equal(120, top.Count);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void UpdateAllLists(TopRelationships<int> top)
    {
        for (int i = 0; i < 10_000; i++)
        {
            double key = i * 0.01;
            top.UpdateAll((i * 7) % 120, [key, i % 3 == 0 ? double.NegativeInfinity : key, key + 1]);
            top.TryGetRank(i % 120, out _);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void UpdateAll(TopRelationships<string> top, string[] ids, double[] keys)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            top.Update(ids[(i * 7) % ids.Length], keys[i]);
            top.TryGetRank(ids[i % ids.Length], out _);
        }
    }
}
