using System.Globalization;

namespace ScoringGrid.Bench.Peers.Workload;

/// <summary>Where a workload comes from when no file is given: a seeded synthetic generator, or the CollegeMsg log.</summary>
public static class Sources
{
    /// <summary>2026-01-01T00:00:00Z, ms: where the synthetic clock starts.</summary>
    public const long SyntheticStartMs = 1_767_225_600_000L;

    // Kind mix of the synthetic workload (relative frequencies).
    private static readonly (byte Kind, int Share)[] Mix =
    [
        (Model.View, 20), (Model.Click, 6), (Model.Like, 24), (Model.Follow, 4), (Model.Share, 5),
        (Model.Mention, 8), (Model.Comment, 8), (Model.Reply, 7), (Model.DirectMessage, 8),
        (Model.Conversion, 1), (Model.Unfollow, 1), (Model.Post, 8),
    ];

    /// <summary>
    /// A seeded synthetic workload: actors and targets drawn from a Zipf(s) law over
    /// <paramref name="accounts"/> accounts (a few very active, many quiet), the first
    /// <paramref name="brands"/> accounts receiving half of all mentions, most replies answering
    /// a recent mention (target and actor swapped, inReplyTo set), POST broadcasts without target,
    /// conversions with a value, some sentiment, and event times moving forward from
    /// 2026-01-01 over <paramref name="spanDays"/> days. Event ids are unique.
    /// </summary>
    public static IEnumerable<Interaction> Synthetic(int count, int accounts, int seed, double zipf = 1.0, int brands = 5, double spanDays = 30)
    {
        if (accounts < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(accounts), "at least 2 accounts");
        }

        var random = new Random(seed);
        var cdf = new double[accounts];
        double total = 0;
        for (int r = 0; r < accounts; r++)
        {
            total += 1.0 / Math.Pow(r + 1, zipf);
            cdf[r] = total;
        }

        // Rank r is account ids[r]: ids are shuffled so that activity does not follow the id order.
        var ids = new string[accounts];
        for (int r = 0; r < accounts; r++)
        {
            ids[r] = "u" + r.ToString(CultureInfo.InvariantCulture);
        }

        random.Shuffle(ids);
        for (int r = 0; r < Math.Min(brands, accounts); r++)
        {
            ids[r] = "brand" + r.ToString(CultureInfo.InvariantCulture);
        }

        int mixTotal = Mix.Sum(m => m.Share);
        var recentMentions = new (string Actor, string Target, string EventId)[1024];
        int mentionCount = 0;
        double meanGapMs = spanDays * 86_400_000.0 / Math.Max(1, count);
        double clock = SyntheticStartMs;
        string prefix = "s" + seed.ToString(CultureInfo.InvariantCulture) + "-";

        string Account()
        {
            double u = random.NextDouble() * total;
            int i = Array.BinarySearch(cdf, u);
            return ids[Math.Min(i < 0 ? ~i : i, accounts - 1)];
        }

        for (int n = 0; n < count; n++)
        {
            clock += -Math.Log(1 - random.NextDouble()) * meanGapMs;
            long t = (long)clock;
            string eventId = prefix + n.ToString(CultureInfo.InvariantCulture);
            int pick = random.Next(mixTotal);
            byte kind = Model.Like;
            foreach ((byte k, int share) in Mix)
            {
                if (pick < share)
                {
                    kind = k;
                    break;
                }

                pick -= share;
            }

            string actor = Account();
            if (kind == Model.Post)
            {
                yield return new Interaction(eventId, actor, "", kind, t);
                continue;
            }

            string inReplyTo = "";
            string target;
            if (kind == Model.Reply && mentionCount > 0 && random.NextDouble() < 0.8)
            {
                var m = recentMentions[random.Next(Math.Min(mentionCount, recentMentions.Length))];
                (actor, target, inReplyTo) = (m.Target, m.Actor, m.EventId);
            }
            else if (kind == Model.Mention && brands > 0 && random.NextDouble() < 0.5)
            {
                target = ids[random.Next(Math.Min(brands, accounts))];
            }
            else
            {
                target = Account();
            }

            while (target == actor)
            {
                target = Account();
            }

            if (kind == Model.Mention)
            {
                recentMentions[mentionCount++ % recentMentions.Length] = (actor, target, eventId);
            }

            double? value = kind == Model.Conversion ? Math.Round(5 + random.NextDouble() * 195, 2) : null;
            double? sentiment = (kind is Model.Comment or Model.Reply or Model.DirectMessage) && random.NextDouble() < 0.3
                ? Math.Round(random.NextDouble() * 2 - 1, 3)
                : null;
            yield return new Interaction(eventId, actor, target, kind, t, inReplyTo, value, sentiment);
        }
    }

    /// <summary>
    /// The CollegeMsg log (<c>SRC DST UNIXTS</c> per line after a header): each line a
    /// DIRECT_MESSAGE from cSRC to cDST at UNIXTS·1000 ms (+ <paramref name="shiftMs"/>), event id cm-LINE.
    /// With <paramref name="repeat"/> &gt; 1 the log is replayed that many times back to back
    /// (copy k shifted by k times the log's time span, event ids cm{k}-LINE).
    /// </summary>
    public static IEnumerable<Interaction> CollegeMsg(string path, long shiftMs = 0, int repeat = 1)
    {
        var rows = new List<(string Src, string Dst, long Ms, int Line)>();
        int lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long ts))
            {
                continue; // header or blank
            }

            if (f[0] != f[1])
            {
                rows.Add(("c" + f[0], "c" + f[1], ts * 1000 + shiftMs, lineNo));
            }
        }

        long span = rows.Count == 0 ? 0 : rows.Max(r => r.Ms) - rows.Min(r => r.Ms) + 1000;
        for (int k = 0; k < repeat; k++)
        {
            string prefix = repeat == 1 ? "cm-" : "cm" + k.ToString(CultureInfo.InvariantCulture) + "-";
            foreach (var r in rows)
            {
                yield return new Interaction(prefix + r.Line.ToString(CultureInfo.InvariantCulture), r.Src, r.Dst, Model.DirectMessage, r.Ms + k * span);
            }
        }
    }
}
