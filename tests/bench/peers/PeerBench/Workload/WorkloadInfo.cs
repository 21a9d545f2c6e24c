namespace ScoringGrid.Bench.Peers.Workload;

/// <summary>
/// What the queries are asked about, derived from a workload the same way for every peer:
/// the distinct pairs and accounts with a relationship, and the as-of instant (the latest event time).
/// </summary>
public sealed class WorkloadInfo
{
    private WorkloadInfo(List<Interaction> interactions, int rejected = 0)
    {
        Interactions = interactions;
        Rejected = rejected;
        var pairs = new HashSet<(string, string)>();
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long asOf = long.MinValue;
        foreach (Interaction i in interactions)
        {
            asOf = Math.Max(asOf, i.OccurredAtMs);
            if (!ids.Add(i.EventId))
            {
                continue;
            }

            Unique++;
            if (Model.IsDirected(i.Kind))
            {
                var (a, b, _) = Model.OrderPair(i.Actor, i.Target);
                pairs.Add((a, b));
                accounts.Add(a);
                accounts.Add(b);
            }
        }

        // Sorted so that the sample drawn with a seed does not depend on hash order.
        Pairs = pairs.OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ToArray();
        Accounts = accounts.Order(StringComparer.Ordinal).ToArray();
        AsOfMs = asOf == long.MinValue ? Model.LandmarkMs : asOf;
    }

    /// <summary>The interactions, in file order.</summary>
    public List<Interaction> Interactions { get; }

    /// <summary>Lines of the file left out as invalid interactions.</summary>
    public int Rejected { get; }

    /// <summary>Interactions with a distinct event id (what a peer accepts).</summary>
    public int Unique { get; }

    /// <summary>Distinct pairs (a &lt; b ordinally) with at least one directed interaction.</summary>
    public (string A, string B)[] Pairs { get; }

    /// <summary>Accounts that are part of at least one pair.</summary>
    public string[] Accounts { get; }

    /// <summary>The instant queries evaluate decay at: the latest event time of the workload.</summary>
    public long AsOfMs { get; }

    /// <summary>Loads a workload file.</summary>
    public static WorkloadInfo Load(string path)
    {
        List<Interaction> list = WorkloadFile.Read(path, out int rejected);
        return new WorkloadInfo(list, rejected);
    }

    /// <summary>Wraps interactions held in memory.</summary>
    public static WorkloadInfo Of(List<Interaction> interactions) => new(interactions);

    /// <summary><paramref name="count"/> pairs drawn uniformly (with replacement) with a seed.</summary>
    public (string A, string B)[] SamplePairs(int count, int seed)
    {
        var random = new Random(seed);
        var result = new (string, string)[Pairs.Length == 0 ? 0 : count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Pairs[random.Next(Pairs.Length)];
        }

        return result;
    }

    /// <summary><paramref name="count"/> accounts drawn uniformly (with replacement) with a seed.</summary>
    public string[] SampleAccounts(int count, int seed)
    {
        var random = new Random(seed ^ 0x5bd1e995);
        var result = new string[Accounts.Length == 0 ? 0 : count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Accounts[random.Next(Accounts.Length)];
        }

        return result;
    }
}
