using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// A brand's conversations as ingest applies them: a fan's mention reaches the brand (an
/// expectation opens), then the brand's reply naming it reaches the brand as actor (the
/// expectation closes, an answer time is sampled). Each operation is 64 conversations with 64
/// fans in turn, a minute apart, so the retention window (90 days) moves on and the history keeps
/// a steady size: what the memory diagnoser shows is what one conversation allocates for good.
/// </summary>
[MemoryDiagnoser]
public class ResponsivenessBenchmarks
{
    private const int Fans = 64;
    private static readonly ScoringModel Model = ScoringModel.Default;
    private readonly string[] _fans = new string[Fans];
    private readonly string[] _mentionIds = new string[Fans * 16];
    private readonly string[] _replyIds = new string[Fans * 16];
    private AccountState _brand = null!;
    private long _t;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Fans; i++)
        {
            _fans[i] = "fan" + i;
        }

        // Event ids come from the request in the server; here a ring of them is made once.
        for (int i = 0; i < _mentionIds.Length; i++)
        {
            _mentionIds[i] = "m" + i;
            _replyIds[i] = "r" + i;
        }

        _brand = new AccountState("brand");
        _t = 1_767_225_600_000;

        // Fill the retention window once, so the measured operations run at its steady size.
        for (int i = 0; i < 2 * 90 * 24 * 60 / Fans; i++)
        {
            Conversations();
        }
    }

    /// <summary>64 conversations: a mention from each fan, then the brand's reply to it.</summary>
    [Benchmark]
    public long Conversations()
    {
        for (int i = 0; i < Fans; i++)
        {
            string fan = _fans[i];
            string mention = _mentionIds[_next];
            _brand.ApplyAsTarget(new Interaction(mention, fan, "brand", InteractionKind.Mention, _t, null, 0, null), Model);
            _brand.ApplyAsActor(new Interaction(_replyIds[_next], "brand", fan, InteractionKind.Reply, _t + 20_000, mention, 0, null), Model);
            _next = (_next + 1) % _mentionIds.Length;
            _t += 60_000;
        }

        return _t;
    }
}
