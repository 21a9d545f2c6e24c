using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// One interaction applied to existing state, as the ingest pipeline does on its partitions:
/// the pair's record, the target account (a known fan's like), the actor account. Each operation
/// of a benchmark is 64 interactions (cycled, both directions, several kinds), so the figures are
/// per 64; the memory diagnoser shows what one allocates in the steady state.
/// </summary>
[MemoryDiagnoser]
public class ApplyBenchmarks
{
    private const int Events = 64;
    private static readonly ScoringModel Model = ScoringModel.Default;
    private readonly Interaction[] _likes = new Interaction[Events];
    private readonly Interaction[] _mixed = new Interaction[Events];
    private RelationshipRecord _record = RelationshipRecord.Empty;
    private PackedRelationship _packed;
    private AccountState _brand = null!;
    private AccountState _fan = null!;

    [GlobalSetup]
    public void Setup()
    {
        long t = 1_767_225_600_000;
        InteractionKind[] kinds = [InteractionKind.Like, InteractionKind.View, InteractionKind.Comment, InteractionKind.Share, InteractionKind.Click];
        for (int i = 0; i < Events; i++)
        {
            _likes[i] = new Interaction("e" + i, "fan", "brand", InteractionKind.Like, t + i * 1000, null, 0, null);
            _mixed[i] = new Interaction("m" + i, "fan", "brand", kinds[i % kinds.Length], t + i * 1000, null, 0, i % 3 == 0 ? 0.5 : null);
        }

        _brand = new AccountState("brand");
        _fan = new AccountState("fan");
        foreach (var e in _mixed)
        {
            _brand.ApplyAsTarget(e, Model);
            _fan.ApplyAsActor(e, Model);
            _record.Apply(false, e.Kind, e.OccurredAtMs, e.Sentiment, Model);
        }

        _record.TryPack(out _packed);
    }

    /// <summary>64 interactions applied to a relationship record, alternating directions.</summary>
    [Benchmark]
    public double RelationshipApply()
    {
        for (int i = 0; i < Events; i++)
        {
            ref readonly Interaction e = ref _mixed[i];
            _record.Apply((i & 1) == 1, e.Kind, e.OccurredAtMs, e.Sentiment, Model);
        }

        return _record.StrengthKey;
    }

    /// <summary>
    /// The same 64 interactions as the server's relationship phase applies them: the record unpacked
    /// from its table slot, applied, packed back (<see cref="PackedRelationship"/>).
    /// </summary>
    [Benchmark]
    public double RelationshipApplyPacked()
    {
        for (int i = 0; i < Events; i++)
        {
            ref readonly Interaction e = ref _mixed[i];
            RelationshipRecord.Unpack(_packed, out var record);
            record.Apply((i & 1) == 1, e.Kind, e.OccurredAtMs, e.Sentiment, Model);
            record.TryPack(out _packed);
        }

        RelationshipRecord.Unpack(_packed, out var last);
        return last.StrengthKey;
    }

    /// <summary>64 likes from a known fan applied to the target account.</summary>
    [Benchmark]
    public int AccountApplyAsTarget()
    {
        int applied = 0;
        foreach (ref readonly Interaction e in _likes.AsSpan())
        {
            applied += (int)_brand.ApplyAsTarget(e, Model);
        }

        return applied;
    }

    /// <summary>64 mixed interactions applied to their actor's account.</summary>
    [Benchmark]
    public int AccountApplyAsActor()
    {
        int applied = 0;
        foreach (ref readonly Interaction e in _mixed.AsSpan())
        {
            applied += (int)_fan.ApplyAsActor(e, Model);
        }

        return applied;
    }
}
