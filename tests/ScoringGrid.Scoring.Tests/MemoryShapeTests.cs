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
