using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// What ListOpenExpectations and GetResponsiveness ask of a busy brand's state: 500 fans have
/// mentioned it 10 times each over ten days, none answered (5,000 open expectations). Listing the
/// oldest 50 (ListOpenExpectations' default), and the figures alone with nothing listed. The memory
/// diagnoser shows what a query allocates: the listing is the answer.
/// </summary>
[MemoryDiagnoser]
public class OpenExpectationsBenchmarks
{
    private const int Fans = 500;
    private const int MentionsPerFan = 10;
    private static readonly ScoringModel Model = ScoringModel.Default;
    private AccountState _brand = null!;
    private long _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _brand = new AccountState("brand");
        long t = 1_767_225_600_000;
        var random = new Random(5);
        for (int i = 0; i < Fans * MentionsPerFan; i++)
        {
            string fan = "fan" + random.Next(Fans);
            _brand.ApplyAsTarget(new Interaction("m" + i, fan, "brand", InteractionKind.Mention, t, null, 0, null), Model);
            t += 10 * 86_400_000L / (Fans * MentionsPerFan);
        }

        _asOf = t + 3_600_000;
    }

    /// <summary>The oldest 50 open expectations listed, with the figures.</summary>
    [Benchmark]
    public int ListOldest50() => _brand.Score(_asOf, Model, 50).Responsiveness.OpenExpectations.Count;

    /// <summary>The figures alone (an account's score lists nothing).</summary>
    [Benchmark]
    public long FiguresAlone() => _brand.Score(_asOf, Model, 0).Responsiveness.OpenPastSla;
}
