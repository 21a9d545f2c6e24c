using ScoringGrid.V1;

namespace ScoringGrid.Bench;

/// <summary>
/// A seeded synthetic workload: accounts with skewed activity (a few very active, many quiet),
/// interactions of weighted kinds between them, mentions answered by replies.
/// </summary>
public sealed class Workload
{
    private static readonly (InteractionKind Kind, int Weight)[] Kinds =
    {
        (InteractionKind.Like, 40), (InteractionKind.View, 15), (InteractionKind.Comment, 10), (InteractionKind.Share, 8),
        (InteractionKind.Mention, 8), (InteractionKind.Reply, 8), (InteractionKind.DirectMessage, 6), (InteractionKind.Follow, 4), (InteractionKind.Click, 1),
    };

    private readonly Random _random;
    private readonly int _accounts;
    private readonly string _prefix;
    private readonly int _totalWeight = Kinds.Sum(k => k.Weight);
    private readonly (string A, string B)[]? _pairs;
    private long _next;
    private long _clock;

    /// <summary>Creates a workload over <paramref name="accounts"/> accounts; event ids start with <paramref name="eventPrefix"/>.</summary>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <param name="eventPrefix">Prefix of event ids.</param>
    /// <param name="startMs">occurred_at of the first interaction.</param>
    /// <param name="pairs">When positive, interactions are drawn from this many pairs (skewed towards a few busy ones), as on a
    /// server whose relationships already exist; 0 draws every interaction's pair afresh, so most create a new relationship.</param>
    public Workload(int accounts, int seed, string eventPrefix, long startMs, int pairs = 0)
    {
        _accounts = accounts;
        _random = new Random(seed);
        _prefix = eventPrefix;
        _clock = startMs;
        if (pairs > 0)
        {
            _pairs = new (string, string)[pairs];
            for (var i = 0; i < pairs; i++)
            {
                _pairs[i] = Pair();
            }
        }
    }

    /// <summary>An account id, skewed towards low numbers.</summary>
    public string Account() => "u" + (int)(_accounts * Math.Pow(_random.NextDouble(), 3));

    /// <summary>A pair of distinct accounts.</summary>
    public (string A, string B) Pair()
    {
        while (true)
        {
            var a = Account();
            var b = Account();
            if (a != b)
            {
                return (a, b);
            }
        }
    }

    private (string, string) ExistingPair((string A, string B)[] pairs)
    {
        var (a, b) = pairs[(int)(pairs.Length * Math.Pow(_random.NextDouble(), 2))];
        return _random.Next(2) == 0 ? (a, b) : (b, a);
    }

    /// <summary>The next interaction.</summary>
    public Interaction Next()
    {
        var (actor, target) = _pairs is null ? Pair() : ExistingPair(_pairs);
        _clock += _random.Next(0, 50);
        return new Interaction
        {
            EventId = _prefix + (++_next),
            Actor = actor,
            Target = target,
            Kind = PickKind(),
            OccurredAt = _clock,
        };
    }

    /// <summary>A batch of interactions.</summary>
    public IngestRequest Batch(int size)
    {
        var request = new IngestRequest { BatchId = _prefix + "b" + _next };
        for (var i = 0; i < size; i++)
        {
            request.Interactions.Add(Next());
        }

        return request;
    }

    private InteractionKind PickKind()
    {
        var roll = _random.Next(_totalWeight);
        foreach (var (kind, weight) in Kinds)
        {
            roll -= weight;
            if (roll < 0)
            {
                return kind;
            }
        }

        return InteractionKind.Like;
    }
}
