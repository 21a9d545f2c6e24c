using ScoringGrid.Bench.Peers.Workload;

namespace ScoringGrid.Bench.Peers;

/// <summary>
/// The answers computed straight from the formulas of design brief §4, in memory, event by event:
/// <c>Σ w·2^(−(as_of − t)/h)</c> each way, counts per kind, first/last, reciprocity, strength, and the
/// top relationships (strength &gt; 0, best first, ties by the other account's id). Duplicate event ids
/// count once (the first one). What both peers are checked against.
/// </summary>
public sealed class Reference
{
    private readonly Dictionary<(string, string), List<Interaction>> _byPair = new();
    private readonly Dictionary<string, List<Interaction>> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _others = new(StringComparer.Ordinal);

    public Reference(IEnumerable<Interaction> interactions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Interaction i in interactions)
        {
            if (!seen.Add(i.EventId))
            {
                continue;
            }

            Add(_byAccount, i.Actor, i);
            if (!Model.IsDirected(i.Kind))
            {
                continue;
            }

            Add(_byAccount, i.Target, i);
            var (a, b, _) = Model.OrderPair(i.Actor, i.Target);
            if (!_byPair.TryGetValue((a, b), out var list))
            {
                _byPair[(a, b)] = list = [];
            }

            list.Add(i);
            Other(a).Add(b);
            Other(b).Add(a);
        }
    }

    /// <summary>GetRelationship of (a, b), a &lt; b; <see cref="RelationshipAnswer.NotFound"/> when never seen.</summary>
    public RelationshipAnswer Relationship(string a, string b, long asOfMs) => Relationship(a, b, asOfMs, out _);

    /// <summary>Also gives the magnitude of the sums (Σ |contribution|), the scale their rounding is relative to.</summary>
    public RelationshipAnswer Relationship(string a, string b, long asOfMs, out double magnitude)
    {
        var r = new RelationshipAnswer();
        magnitude = 0;
        if (!_byPair.TryGetValue((a, b), out var list))
        {
            r.NotFound = true;
            return r;
        }

        double ab = 0, ba = 0;
        foreach (Interaction i in list)
        {
            double d = Model.Decay(Model.Weights[i.Kind], i.OccurredAtMs, asOfMs, Model.RelationshipHalfLifeMs);
            magnitude += Math.Abs(d);
            if (i.Actor == a)
            {
                ab += d;
                r.CountsAToB[i.Kind]++;
            }
            else
            {
                ba += d;
                r.CountsBToA[i.Kind]++;
            }

            r.FirstMs = Math.Min(r.FirstMs ?? long.MaxValue, i.OccurredAtMs);
            r.LastMs = Math.Max(r.LastMs ?? long.MinValue, i.OccurredAtMs);
        }

        r.AToB = ab;
        r.BToA = ba;
        r.Reciprocity = Model.Reciprocity(ab, ba);
        r.Strength = Model.Strength(ab, ba);
        return r;
    }

    /// <summary>Top relationships of an account (at most <paramref name="limit"/>).</summary>
    public List<TopEntry> Top(string account, long asOfMs, int limit = Model.TopLimit)
    {
        if (!_others.TryGetValue(account, out var others))
        {
            return [];
        }

        return others
            .Select(o =>
            {
                var (a, b, _) = Model.OrderPair(account, o);
                return new TopEntry(o, Relationship(a, b, asOfMs).Strength);
            })
            .Where(e => e.Strength > 0)
            .OrderByDescending(e => e.Strength)
            .ThenBy(e => e.Other, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>The account aggregates (account half-life).</summary>
    public AccountAnswer Account(string account, long asOfMs)
    {
        var r = new AccountAnswer();
        if (!_byAccount.TryGetValue(account, out var list))
        {
            return r;
        }

        foreach (Interaction i in list)
        {
            if (i.Kind == Model.Post)
            {
                r.Posts++;
                continue;
            }

            double d = Model.Decay(Model.Weights[i.Kind], i.OccurredAtMs, asOfMs, Model.AccountHalfLifeMs);
            if (i.Actor == account)
            {
                r.Given += d;
                r.CountsGiven[i.Kind]++;
            }
            else
            {
                r.Received += d;
                r.CountsReceived[i.Kind]++;
            }
        }

        return r;
    }

    private HashSet<string> Other(string account)
    {
        if (!_others.TryGetValue(account, out var set))
        {
            _others[account] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private static void Add(Dictionary<string, List<Interaction>> map, string key, Interaction i)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(i);
    }
}
