using FsCheck;
using FsCheck.Fluent;

namespace ScoringGrid.Scoring.Tests;

/// <summary>One generated interaction before ids and times are assigned.</summary>
internal readonly record struct RawEvent(int Actor, int TargetOffset, int Kind, int Slot, int ReplyRef, int Sentiment, int Value);

/// <summary>A generated scenario: events, a time step, and a shuffle seed.</summary>
internal sealed record Scenario(RawEvent[] Raw, long StepMs, int Seed, int BaseYear)
{
    public override string ToString() =>
        $"Scenario(step={StepMs} ms, seed={Seed}, year={BaseYear}, events=[{string.Join("; ", Raw.Select(r => $"{r.Actor}->{r.TargetOffset}:{(InteractionKind)r.Kind}@{r.Slot} re={r.ReplyRef} s={r.Sentiment} v={r.Value}"))}])";
}

internal static class Generators
{
    public static readonly string[] Names = ["a", "b", "c", "d"];

    private static readonly long[] Steps = [TimeUnits.Minute, TimeUnits.Hour, 6 * TimeUnits.Hour, TimeUnits.Day];

    public static Gen<RawEvent> RawEvent(int accounts) =>
        from actor in Gen.Choose(0, accounts - 1)
        from offset in Gen.Choose(1, accounts - 1)
        from kind in Gen.Frequency(
            (3, Gen.Elements((int)InteractionKind.Mention, (int)InteractionKind.DirectMessage, (int)InteractionKind.Reply)),
            (1, Gen.Elements((int)InteractionKind.Follow, (int)InteractionKind.Unfollow)),
            (3, Gen.Choose(1, 12)))
        from slot in Gen.Choose(0, 200)
        from replyRef in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 10_000)))
        from sentiment in Gen.Choose(-1, 4)
        from value in Gen.Choose(1, 100)
        select new RawEvent(actor, offset, kind, slot, replyRef, sentiment, value);

    public static Arbitrary<Scenario> Scenarios(int accounts, int maxEvents) =>
        Arb.From(
            from count in Gen.Choose(0, maxEvents)
            from raw in Gen.ArrayOf(RawEvent(accounts), count)
            from step in Gen.Elements(Steps)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            from year in Gen.Choose(2000, 2099)
            select new Scenario(raw, step, seed, year));

    /// <summary>Turns a scenario into distinct interactions (ids e0, e1, ...), in generation order.</summary>
    public static Interaction[] Build(Scenario scenario, int accounts)
    {
        long start = Ev.Utc(scenario.BaseYear, 6, 1);
        int n = scenario.Raw.Length;
        var events = new Interaction[n];
        for (int i = 0; i < n; i++)
        {
            RawEvent r = scenario.Raw[i];
            var kind = (InteractionKind)r.Kind;
            string actor = Names[r.Actor];
            string target = kind == InteractionKind.Post ? "" : Names[(r.Actor + r.TargetOffset) % accounts];
            string? inReplyTo = r.ReplyRef < 0 ? null : PickInReplyTo(scenario.Raw, actor, r.ReplyRef, accounts);
            double? sentiment = r.Sentiment < 0 ? null : (r.Sentiment - 2) / 2.0;
            double value = kind == InteractionKind.Conversion ? r.Value : 0;
            events[i] = new Interaction("e" + i, actor, target, kind, start + r.Slot * scenario.StepMs, inReplyTo, value, sentiment);
        }

        return events;
    }

    /// <summary>
    /// Mostly names a MENTION or DIRECT_MESSAGE sent to the replying account (often by someone other than
    /// the reply's target, which exercises the in_reply_to link); otherwise any event id.
    /// </summary>
    private static string PickInReplyTo(RawEvent[] raw, string actor, int seed, int accounts)
    {
        var candidates = new List<int>();
        for (int j = 0; j < raw.Length; j++)
        {
            var kind = (InteractionKind)raw[j].Kind;
            if ((kind == InteractionKind.Mention || kind == InteractionKind.DirectMessage)
                && Names[(raw[j].Actor + raw[j].TargetOffset) % accounts] == actor)
            {
                candidates.Add(j);
            }
        }

        if (candidates.Count == 0 || seed % 4 == 0)
        {
            return "e" + (seed % raw.Length);
        }

        return "e" + candidates[seed % candidates.Count];
    }

    public static Interaction[] Shuffled(Interaction[] events, int seed)
    {
        var copy = (Interaction[])events.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    /// <summary>Runs a property <paramref name="maxTest"/> times; a failure (false or an exception) throws with the counterexample.</summary>
    public static void Run<T>(Arbitrary<T> arbitrary, Func<T, bool> property, int maxTest = 200) =>
        Prop.ForAll(arbitrary, property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
}
