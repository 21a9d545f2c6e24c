using Npgsql;
using ScoringGrid.Bench.Peers.Postgres;
using ScoringGrid.Bench.Peers.Redis;
using ScoringGrid.Bench.Peers.Workload;

namespace ScoringGrid.Bench.Peers;

/// <summary>
/// Correctness of the peers: what they answer against <see cref="Reference"/> (the formulas),
/// on a handful of hand-made interactions (<see cref="RunHandMade"/>) and on a sample of a
/// benchmark workload after it was loaded into both (<see cref="RunSample"/>).
/// </summary>
public sealed class Check
{
    /// <summary>Relative tolerance of decayed sums (rounding of sums of powers of two).</summary>
    public const double Tolerance = 1e-9;

    private const long Day = 86_400_000L;
    private const long T = Sources.SyntheticStartMs; // 2026-01-01T00:00:00Z

    private readonly TextWriter _out;
    private readonly bool _verbose;
    private int _passed;
    private int _failed;

    public Check(TextWriter output, bool verbose)
    {
        _out = output;
        _verbose = verbose;
    }

    public int Passed => _passed;

    public int Failed => _failed;

    /// <summary>The hand-made interactions: both directions, every kind, a duplicate, a net UNFOLLOW, a broadcast, non-ASCII ids.</summary>
    public static List<Interaction> HandMade() =>
    [
        new("h1", "ann", "bob", Model.Like, T),
        new("h2", "bob", "ann", Model.Comment, T + 1 * Day, Sentiment: 0.5),
        new("h3", "ann", "bob", Model.DirectMessage, T + 3 * Day),
        new("h3", "ann", "bob", Model.DirectMessage, T + 3 * Day), // a retry: counted once
        new("h4", "ann", "cat", Model.Mention, T + 2 * Day),
        new("h5", "cat", "ann", Model.Reply, T + 2 * Day + 3_600_000, InReplyTo: "h4"),
        new("h6", "dan", "ann", Model.Follow, T + 4 * Day),
        new("h7", "dan", "ann", Model.Unfollow, T + 5 * Day), // dan→ann nets negative: strength 0, not ranked
        new("h8", "ann", "eve", Model.View, T + 5 * Day), // counted, weight 0: not ranked
        new("h9", "ann", "", Model.Post, T + 6 * Day),
        new("h10", "eve", "ann", Model.Conversion, T + 6 * Day, Value: 42),
        new("h11", "bob", "ann", Model.Share, T + 7 * Day),
        new("h12", "zed", "ann", Model.Click, T - 400 * Day), // long ago: tiny but positive
        new("h13", "ann", "bob", Model.Reply, T + 9 * Day + 12 * 3_600_000),
        new("h14", "ñora", "ann", Model.Like, T + 8 * Day), // non-ASCII id, sorts after "zed"
        new("h15", "bob", "cat", Model.Follow, T + 8 * Day),
        new("h16", "cat", "bob", Model.Share, T + 8 * Day + 1),
        new("h17", "ann", "bob", Model.Click, T + 10 * Day), // at as-of exactly
        new("h18", "old", "ann", Model.Like, 1_082_040_961_000), // 2004, 16 years before T0: forward value 2^-417
    ];

    /// <summary>as-of of the hand-made check.</summary>
    public const long HandMadeAsOf = T + 10 * Day;

    /// <summary>Loads the hand-made interactions into fresh stores of both peers and compares every answer with the formulas.</summary>
    public void RunHandMade(int redisPort, int pgPort)
    {
        List<Interaction> events = HandMade();
        var reference = new Reference(events);
        var pairs = new List<(string, string)>();
        var accounts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Interaction i in events.Where(i => Model.IsDirected(i.Kind)))
        {
            var (a, b, _) = Model.OrderPair(i.Actor, i.Target);
            if (!pairs.Contains((a, b)))
            {
                pairs.Add((a, b));
            }

            accounts.Add(a);
            accounts.Add(b);
        }

        pairs.Add(("ann", "zoe")); // never seen: NOT_FOUND
        accounts.Add("zoe");

        // Hand-checked anchors: the formulas themselves, on two values worked out by hand.
        var annBob = reference.Relationship("ann", "bob", HandMadeAsOf);
        double expectAb = 1 * Math.Pow(2, -10.0 / 14) + 10 * Math.Pow(2, -7.0 / 14) + 8 * Math.Pow(2, -0.5 / 14) + 0.5;
        double expectBa = 6 * Math.Pow(2, -9.0 / 14) + 3 * Math.Pow(2, -3.0 / 14);
        Expect("formula ann→bob", annBob.AToB, expectAb, 1);
        Expect("formula bob→ann", annBob.BToA, expectBa, 1);
        double x = expectAb, y = expectBa;
        Expect("formula strength ann|bob", annBob.Strength, (x + y) * (0.5 + 0.5 * (2 * Math.Min(x, y) / (x + y))), 1);

        if (redisPort > 0)
        {
            using var c = new RespConnection(redisPort);
            c.CallOk("FLUSHALL", "SYNC");
            RedisPeer.LoadFunctions(redisPort);
            var m = RedisPeer.IngestAll(redisPort, events, 1, 4, 30);
            Expect("redis ingest accepted", Convert.ToDouble(m.Extra["accepted"]), events.Select(e => e.EventId).Distinct().Count(), 0);
            Expect("redis ingest duplicates", Convert.ToDouble(m.Extra["duplicates"]), 1, 0);
            Expect("redis ingest errors", m.Errors, 0, 0);
            foreach (var (a, b) in pairs)
            {
                CompareRelationship($"redis get-relationship {a}|{b}", RedisPeer.GetRelationship(c, a, b, HandMadeAsOf), reference.Relationship(a, b, HandMadeAsOf, out double mag), mag);
            }

            foreach (string account in accounts)
            {
                CompareTop($"redis top-relationships {account}", RedisPeer.Top(c, account, HandMadeAsOf), reference.Top(account, HandMadeAsOf));
                CompareAccount($"redis account {account}", RedisPeer.GetAccount(c, account, HandMadeAsOf), reference.Account(account, HandMadeAsOf));
            }
        }

        if (pgPort > 0)
        {
            PostgresPeer.ResetSchema(pgPort);
            var m = PostgresPeer.Load(pgPort, events, 5, dedupe: true, connections: 1, maxSeconds: 30);
            Expect("postgresql load inserted", Convert.ToDouble(m.Extra["inserted"]), events.Select(e => e.EventId).Distinct().Count(), 0);
            Expect("postgresql load errors", m.Errors, 0, 0);
            using NpgsqlConnection conn = PostgresPeer.Open(pgPort);
            using NpgsqlCommand rel = PostgresPeer.PrepareGetRelationship(conn);
            using NpgsqlCommand top = PostgresPeer.PrepareTop(conn);
            foreach (var (a, b) in pairs)
            {
                CompareRelationship($"postgresql get-relationship {a}|{b}", PostgresPeer.GetRelationship(rel, a, b, HandMadeAsOf), reference.Relationship(a, b, HandMadeAsOf, out double mag), mag);
            }

            foreach (string account in accounts)
            {
                CompareTop($"postgresql top-relationships {account}", PostgresPeer.Top(top, account, HandMadeAsOf), reference.Top(account, HandMadeAsOf));
            }

            // The plain COPY path refuses a batch holding a duplicate event id, and loads the rest.
            PostgresPeer.ResetSchema(pgPort);
            var plain = PostgresPeer.Load(pgPort, events, 100, dedupe: false, connections: 1, maxSeconds: 30);
            Expect("postgresql plain COPY refuses a duplicate", plain.Errors, 1, 0);
            PostgresPeer.ResetSchema(pgPort);
            var distinct = events.DistinctBy(e => e.EventId).ToList();
            plain = PostgresPeer.Load(pgPort, distinct, 4, dedupe: false, connections: 2, maxSeconds: 30);
            Expect("postgresql plain COPY rows", plain.Count, distinct.Count, 0);
            using NpgsqlCommand rel2 = PostgresPeer.PrepareGetRelationship(conn);
            CompareRelationship("postgresql (plain COPY) get-relationship ann|bob", PostgresPeer.GetRelationship(rel2, "ann", "bob", HandMadeAsOf), annBob, 30);
        }
    }

    /// <summary>
    /// After a workload was loaded into both peers: a sample of pairs and accounts, each peer
    /// against the formulas (and so against each other).
    /// </summary>
    public void RunSample(int redisPort, int pgPort, WorkloadInfo workload, int pairCount, int accountCount, int seed)
    {
        var reference = new Reference(workload.Interactions);
        var pairs = workload.SamplePairs(pairCount, seed + 7);
        var accounts = workload.SampleAccounts(accountCount, seed + 7);
        long asOf = workload.AsOfMs;
        if (redisPort > 0)
        {
            using var c = new RespConnection(redisPort);
            foreach (var (a, b) in pairs)
            {
                CompareRelationship($"redis get-relationship {a}|{b}", RedisPeer.GetRelationship(c, a, b, asOf), reference.Relationship(a, b, asOf, out double mag), mag);
            }

            foreach (string account in accounts)
            {
                CompareTop($"redis top-relationships {account}", RedisPeer.Top(c, account, asOf), reference.Top(account, asOf));
            }
        }

        if (pgPort > 0)
        {
            using NpgsqlConnection conn = PostgresPeer.Open(pgPort);
            using NpgsqlCommand rel = PostgresPeer.PrepareGetRelationship(conn);
            using NpgsqlCommand top = PostgresPeer.PrepareTop(conn);
            foreach (var (a, b) in pairs)
            {
                CompareRelationship($"postgresql get-relationship {a}|{b}", PostgresPeer.GetRelationship(rel, a, b, asOf), reference.Relationship(a, b, asOf, out double mag), mag);
            }

            foreach (string account in accounts)
            {
                CompareTop($"postgresql top-relationships {account}", PostgresPeer.Top(top, account, asOf), reference.Top(account, asOf));
            }
        }
    }

    /// <summary>Prints the closing line.</summary>
    public void Summary() => _out.WriteLine($"{_passed} passed, {_failed} failed");

    private void CompareRelationship(string name, RelationshipAnswer got, RelationshipAnswer want, double magnitude)
    {
        var problems = new List<string>();
        if (got.NotFound != want.NotFound)
        {
            problems.Add($"not_found {got.NotFound} != {want.NotFound}");
        }
        else if (!want.NotFound)
        {
            double scale = Math.Max(magnitude, Math.Abs(want.AToB) + Math.Abs(want.BToA));
            if (!Close(got.AToB, want.AToB, scale))
            {
                problems.Add($"a_to_b {got.AToB:R} != {want.AToB:R}");
            }

            if (!Close(got.BToA, want.BToA, scale))
            {
                problems.Add($"b_to_a {got.BToA:R} != {want.BToA:R}");
            }

            if (!Close(got.Strength, want.Strength, scale))
            {
                problems.Add($"strength {got.Strength:R} != {want.Strength:R}");
            }

            if (!Close(got.Reciprocity, want.Reciprocity, 1))
            {
                problems.Add($"reciprocity {got.Reciprocity:R} != {want.Reciprocity:R}");
            }

            if (!got.CountsAToB.SequenceEqual(want.CountsAToB) || !got.CountsBToA.SequenceEqual(want.CountsBToA))
            {
                problems.Add($"counts [{string.Join(',', got.CountsAToB)}|{string.Join(',', got.CountsBToA)}] != [{string.Join(',', want.CountsAToB)}|{string.Join(',', want.CountsBToA)}]");
            }

            if (got.FirstMs != want.FirstMs || got.LastMs != want.LastMs)
            {
                problems.Add($"first/last {got.FirstMs}/{got.LastMs} != {want.FirstMs}/{want.LastMs}");
            }
        }

        Report(name, problems, want.ToString());
    }

    private void CompareTop(string name, List<TopEntry> got, List<TopEntry> want)
    {
        var problems = new List<string>();
        if (got.Count != want.Count)
        {
            problems.Add($"{got.Count} entries != {want.Count}");
        }

        double scale = want.Count == 0 ? 1 : want[0].Strength;
        for (int i = 0; i < Math.Min(got.Count, want.Count); i++)
        {
            if (!Close(got[i].Strength, want[i].Strength, scale))
            {
                problems.Add($"#{i + 1} strength {got[i].Other}={got[i].Strength:R} != {want[i].Other}={want[i].Strength:R}");
            }
            else if (got[i].Other != want[i].Other)
            {
                // A tie (equal strengths within rounding) may be ordered either way.
                bool tie = (i > 0 && Close(want[i].Strength, want[i - 1].Strength, scale))
                    || (i + 1 < want.Count && Close(want[i].Strength, want[i + 1].Strength, scale))
                    || i == want.Count - 1;
                if (!tie)
                {
                    problems.Add($"#{i + 1} {got[i].Other} != {want[i].Other}");
                }
            }
        }

        Report(name, problems, string.Join(", ", want.Select(e => $"{e.Other}={e.Strength:G6}")));
    }

    private void CompareAccount(string name, AccountAnswer got, AccountAnswer want)
    {
        var problems = new List<string>();
        double scale = Math.Abs(want.Given) + Math.Abs(want.Received) + 1e-300;
        if (!Close(got.Given, want.Given, scale) || !Close(got.Received, want.Received, scale))
        {
            problems.Add($"given/received {got.Given:R}/{got.Received:R} != {want.Given:R}/{want.Received:R}");
        }

        if (got.Posts != want.Posts || !got.CountsGiven.SequenceEqual(want.CountsGiven) || !got.CountsReceived.SequenceEqual(want.CountsReceived))
        {
            problems.Add("counts differ");
        }

        Report(name, problems, $"given={want.Given:G6} received={want.Received:G6} posts={want.Posts}");
    }

    private void Expect(string name, double got, double want, double tolerance)
    {
        bool ok = tolerance == 0 ? got == want : Close(got, want, tolerance * Math.Max(Math.Abs(want), 1e-300));
        Report(name, ok ? [] : [$"{got:R} != {want:R}"], want.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool Close(double got, double want, double scale) =>
        Math.Abs(got - want) <= Tolerance * Math.Max(scale, Math.Max(Math.Abs(got), Math.Abs(want))) || (got == 0 && want == 0);

    private void Report(string name, List<string> problems, string detail)
    {
        if (problems.Count == 0)
        {
            _passed++;
            if (_verbose)
            {
                _out.WriteLine($"ok    {name}: {detail}");
            }
        }
        else
        {
            _failed++;
            _out.WriteLine($"FAIL  {name}: {string.Join("; ", problems)}");
        }
    }
}
