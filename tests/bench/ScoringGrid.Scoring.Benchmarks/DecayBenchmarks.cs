using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>Decay evaluation: a ranking key turned into a value at as-of, and a full relationship score.</summary>
[MemoryDiagnoser]
public class DecayBenchmarks
{
    private static readonly ScoringModel Model = ScoringModel.Default;
    private readonly long _asOf = 1_767_225_600_000 + 3_600_000;
    private RelationshipRecord _record = RelationshipRecord.Empty;
    private double _key;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < 100; i++)
        {
            _record.Apply(i % 2 == 0, InteractionKind.Comment, 1_767_225_600_000 + i * 1000, null, Model);
        }

        _key = _record.StrengthKey;
    }

    /// <summary>One key decayed to as-of (what each entry of a top-relationships answer costs).</summary>
    [Benchmark]
    public double KeyToValue() => ForwardDecay.KeyToValue(_key, _asOf, Model.RelationshipHalfLifeMs);

    /// <summary>A relationship's full score at as-of, every component included (what GetRelationship builds).</summary>
    [Benchmark]
    public RelationshipScore RelationshipScore() => _record.Score("ann", "bob", _asOf, Model);
}
