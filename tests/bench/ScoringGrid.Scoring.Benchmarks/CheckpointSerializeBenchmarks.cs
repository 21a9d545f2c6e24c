using BenchmarkDotNet.Attributes;
using ScoringGrid.Grains;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Persistence;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// One busy account's stored form, as a checkpoint writes it and a restart reads it
/// (<see cref="GrainStateSerializer"/>): 2,000 fans, open and answered mentions, 30 days of post
/// rates and three ranked lists of 150. The JSON form earlier versions wrote is measured beside it.
/// </summary>
[MemoryDiagnoser]
public class CheckpointSerializeBenchmarks
{
    private const long Base = 1_700_000_000_000L;
    private const long Day = 86_400_000L;
    private readonly AccountDirectory _directory = new();
    private GrainStateSerializer _serializer = null!;
    private AccountGrainState _state = null!;
    private GrainId _grainId;
    private byte[] _binary = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = ScoringModel.Default;
        var accounts = _directory.For("t1");
        _serializer = new GrainStateSerializer(_directory);
        _grainId = GrainKeys.Account("t1", "brand-7");
        var scores = new AccountState("brand-7");
        var rankings = new TopRelationships<int>(model, _directory.IdOrder, lists: 3);
        for (int i = 0; i < 6000; i++)
        {
            string fan = $"user-{i % 2000:D8}";
            long t = Base + (i * (30 * Day / 6000));
            var kind = (i % 5) switch { 0 => InteractionKind.Mention, 1 => InteractionKind.Follow, 2 => InteractionKind.Conversion, _ => InteractionKind.Like };
            scores.ApplyAsTarget(new Interaction($"e{i}", fan, "brand-7", kind, t, null, kind == InteractionKind.Conversion ? 9.5 : 0, null), model);
            if (i % 7 == 0)
            {
                scores.ApplyAsActor(new Interaction($"r{i}", "brand-7", fan, InteractionKind.Reply, t + 60_000, $"e{i - (i % 5)}", 0, null), model);
            }

            if (i % 40 == 0)
            {
                scores.ApplyAsActor(new Interaction($"p{i}", "brand-7", "", InteractionKind.Post, t, null, 0, null), model);
            }

            rankings.UpdateAll(accounts.GetOrAdd(fan), [i * 0.001, (i % 97) * 0.5, double.NegativeInfinity]);
        }

        _state = new AccountGrainState { Scores = scores, Rankings = rankings };
        _binary = _serializer.Serialize(_grainId, _state);
        _json = JsonAccountRecord.Encode(_state, _directory);
    }

    /// <summary>The stored form's bytes (binary, <see cref="AccountRecord"/>).</summary>
    [Benchmark(Baseline = true)]
    public int Serialize() => _serializer.Serialize(_grainId, _state).Length;

    /// <summary>The JSON form earlier versions wrote.</summary>
    [Benchmark]
    public int SerializeJson() => JsonAccountRecord.Encode(_state, _directory).Length;

    /// <summary>The state read back from the binary form.</summary>
    [Benchmark]
    public object Deserialize() => _serializer.Deserialize<AccountGrainState>(_grainId, _binary);

    /// <summary>The state read back from the JSON form.</summary>
    [Benchmark]
    public object DeserializeJson() => _serializer.Deserialize<AccountGrainState>(_grainId, _json);
}
