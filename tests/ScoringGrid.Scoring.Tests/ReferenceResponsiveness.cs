namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// A deliberately naive restatement of the responsiveness rules, computed from scratch over the whole
/// event list, to check the incremental implementation against.
/// </summary>
internal static class ReferenceResponsiveness
{
    public sealed record Result(long Answered, long Open, List<long> Samples, List<(string Sender, long At, string Id)> OpenList);

    public static Result Compute(IReadOnlyList<Interaction> events, string account, ScoringModel model)
    {
        long latest = long.MinValue;
        foreach (Interaction e in events)
        {
            if (e.Actor == account || e.Target == account)
            {
                latest = Math.Max(latest, e.OccurredAtMs);
            }
        }

        if (latest == long.MinValue)
        {
            return new Result(0, 0, [], []);
        }

        long cutoff = Math.DivRem(latest, TimeUnits.Day, out long rem) * TimeUnits.Day - (rem < 0 ? TimeUnits.Day : 0) - model.ResponsivenessRetentionMs;

        var expectations = events
            .Where(e => e.Target == account && (e.Kind == InteractionKind.Mention || e.Kind == InteractionKind.DirectMessage) && e.OccurredAtMs >= cutoff)
            .Select(e => (Sender: e.Actor, At: e.OccurredAtMs, Id: e.EventId))
            .ToList();
        var answers = events
            .Where(e => e.Actor == account && (e.Kind == InteractionKind.Reply || e.Kind == InteractionKind.DirectMessage) && e.OccurredAtMs >= cutoff)
            .OrderBy(e => e.OccurredAtMs).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();

        var open = new HashSet<string>(expectations.Select(e => e.Id));
        long answered = 0;
        var samples = new List<long>();
        foreach (Interaction a in answers)
        {
            var senders = new HashSet<string> { a.Target };
            if (a.Kind == InteractionKind.Reply && !string.IsNullOrEmpty(a.InReplyTo))
            {
                foreach (var e in expectations)
                {
                    if (e.Id == a.InReplyTo)
                    {
                        senders.Add(e.Sender);
                    }
                }
            }

            var closed = expectations.Where(e => open.Contains(e.Id) && senders.Contains(e.Sender) && e.At <= a.OccurredAtMs).ToList();
            if (closed.Count > 0)
            {
                answered += closed.Count;
                samples.Add(a.OccurredAtMs - closed.Min(e => e.At));
                foreach (var e in closed)
                {
                    open.Remove(e.Id);
                }
            }
        }

        var openList = expectations.Where(e => open.Contains(e.Id))
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => e.Sender, StringComparer.Ordinal)
            .ToList();
        samples.Sort();
        return new Result(answered, openList.Count, samples, openList);
    }

    public static long? NearestRank(List<long> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(q * sorted.Count - 1e-9) - 1];
}
