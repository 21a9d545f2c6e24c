using System.Globalization;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace ScoringGrid.Scoring.Tests;

[Collection(AllocationMeasurements.Name)]
public class MemoryShapeTests
{
    private const int Count = 100_000;
    private readonly ITestOutputHelper _output;

    public MemoryShapeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Relationship_state_stays_under_300_bytes()
    {
        ScoringModel model = ScoringModel.Default;

        // The id strings already exist (the relationship's grain key holds them), so they are made first.
        var firsts = new string[Count];
        var seconds = new string[Count];
        for (int i = 0; i < Count; i++)
        {
            firsts[i] = "u" + i.ToString("D7", CultureInfo.InvariantCulture);
            seconds[i] = "v" + i.ToString("D7", CultureInfo.InvariantCulture);
        }

        // Warm up the measured helpers (compiled fully optimised on first call, so no tier or OSR
        // compilation happens inside the measured windows).
        var warm = new RelationshipState[16];
        Construct(warm, firsts, seconds);
        ApplyEveryKindBothWays(warm, firsts, seconds, model);
        var warmFresh = new RelationshipState[16];
        ConstructWithFreshIds(warmFresh);

        var states = new RelationshipState[Count];
        long before = GC.GetAllocatedBytesForCurrentThread();
        Construct(states, firsts, seconds);
        long constructed = GC.GetAllocatedBytesForCurrentThread();
        ApplyEveryKindBothWays(states, firsts, seconds, model);
        long applied = GC.GetAllocatedBytesForCurrentThread();

        // For reference: the same with two fresh 8-character id strings per relationship.
        var withIds = new RelationshipState[1000];
        long freshBefore = GC.GetAllocatedBytesForCurrentThread();
        ConstructWithFreshIds(withIds);
        long freshAfter = GC.GetAllocatedBytesForCurrentThread();

        double perState = (double)(constructed - before) / Count;
        double perApply = (double)(applied - constructed) / (Count * 22);
        double withFreshIds = (double)(freshAfter - freshBefore) / withIds.Length;
        _output.WriteLine($"RelationshipState: {perState:F1} bytes per relationship (ids shared with the key)");
        _output.WriteLine($"Apply: {perApply:F3} bytes per interaction after construction");
        _output.WriteLine($"With two fresh 8-char id strings: {withFreshIds:F1} bytes per relationship");

        Assert.True(perState < 300, $"{perState} bytes per relationship");
        Assert.Equal(0, applied - constructed);
        RelationshipScore last = states[Count - 1].Score(Ev.Base + 20, model);
        Assert.Equal(22, last.CountsAToB.Total + last.CountsBToA.Total);
        GC.KeepAlive(states);
        GC.KeepAlive(withIds);
    }

    [Fact]
    public void An_account_with_ten_fans_and_twenty_ranked_relationships_stays_compact()
    {
        // The shape of the memory benchmark (ten relationships per account): each account is
        // liked by ten fans, and its rankings name twenty other accounts in all three lists.
        // Retained bytes, after full collections, so growth's discarded arrays do not count.
        const int Accounts = 10_000;
        ScoringModel model = ScoringModel.Default;
        var ids = new string[Accounts];
        for (int i = 0; i < Accounts; i++)
        {
            ids[i] = "a" + i.ToString("D7", CultureInfo.InvariantCulture);
        }

        var fans = new string[10];
        for (int i = 0; i < fans.Length; i++)
        {
            fans[i] = "fan" + i.ToString(CultureInfo.InvariantCulture);
        }

        BuildAccounts(new AccountState[4], ids, fans, model);
        BuildRankings(new TopRelationships<int>[4], model);

        var states = new AccountState[Accounts];
        var rankings = new TopRelationships<int>[Accounts];
        long before = GC.GetTotalMemory(forceFullCollection: true);
        BuildAccounts(states, ids, fans, model);
        long afterStates = GC.GetTotalMemory(forceFullCollection: true);
        BuildRankings(rankings, model);
        long afterRankings = GC.GetTotalMemory(forceFullCollection: true);

        double perAccount = (double)(afterStates - before) / Accounts;
        double perRankings = (double)(afterRankings - afterStates) / Accounts;
        _output.WriteLine($"AccountState with ten fans: {perAccount:F0} bytes (id string not counted)");
        _output.WriteLine($"Rankings of twenty relationships, three lists: {perRankings:F0} bytes");

        // 24-byte fan entries grown a quarter at a time, 32-bit counts: about 610 B (it was about
        // 950 with 32-byte entries doubled to 16). Three keys and a handle per ranking entry, the table
        // grown a quarter at a time: about 720 B (it was about 920 grown by half).
        Assert.True(perAccount < 700, $"{perAccount} bytes per account");
        Assert.True(perRankings < 800, $"{perRankings} bytes per account's rankings");
        Assert.All(states, s => Assert.Equal(10, s.Score(Ev.Base + 100, model).ReceivedCounts[InteractionKind.Like]));
        Assert.All(rankings, r => Assert.Equal(20, r.CountOf(2)));
        GC.KeepAlive(states);
        GC.KeepAlive(rankings);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BuildAccounts(AccountState[] states, string[] ids, string[] fans, ScoringModel model)
    {
        for (int i = 0; i < states.Length; i++)
        {
            var state = new AccountState(ids[i]);
            for (int f = 0; f < fans.Length; f++)
            {
                state.ApplyAsTarget(new Interaction("e", fans[f], ids[i], InteractionKind.Like, Ev.Base + f, null, 1, null), model);
            }

            states[i] = state;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BuildRankings(TopRelationships<int>[] rankings, ScoringModel model)
    {
        Span<double> keys = stackalloc double[3];
        for (int i = 0; i < rankings.Length; i++)
        {
            var lists = new TopRelationships<int>(model, Comparer<int>.Default, lists: 3);
            for (int other = 0; other < 20; other++)
            {
                keys[0] = other;
                keys[1] = other + 0.5;
                keys[2] = other + 0.25;
                lists.UpdateAll(i + 1 + other, keys);
            }

            rankings[i] = lists;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Construct(RelationshipState[] states, string[] firsts, string[] seconds)
    {
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = new RelationshipState(firsts[i], seconds[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ConstructWithFreshIds(RelationshipState[] states)
    {
        for (int i = 0; i < states.Length; i++)
        {
            string first = string.Create(8, i, static (span, n) =>
            {
                span.Fill('a');
                span[7] = (char)('0' + (n % 10));
            });
            states[i] = new RelationshipState(first, new string('b', 8));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ApplyEveryKindBothWays(RelationshipState[] states, string[] firsts, string[] seconds, ScoringModel model)
    {
        for (int i = 0; i < states.Length; i++)
        {
            for (int k = 1; k <= 11; k++)
            {
                var kind = (InteractionKind)k;
                states[i].Apply(new Interaction("e", firsts[i], seconds[i], kind, Ev.Base + k, null, 1, 0.5), model);
                states[i].Apply(new Interaction("e", seconds[i], firsts[i], kind, Ev.Base + k, null, 1, null), model);
            }
        }
    }
}
