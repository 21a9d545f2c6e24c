namespace ScoringGrid.Scoring.Tests;

public class KaushikTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    // 2024-03-10T00:00:00Z, the start of a UTC day.
    private static readonly long Day0 = Ev.Utc(2024, 3, 10);

    private static long On(int day, double hour = 12) => Day0 + Ev.Days(day) + Ev.Hours(hour);

    [Fact]
    public void Per_post_rates_inside_the_window_by_hand()
    {
        var world = new World(Model);
        world.Apply(Ev.Post("brand", On(0)));
        world.Apply(Ev.Post("brand", On(10)));
        world.Apply(Ev.Post("brand", On(29)));
        world.Apply(Ev.Post("brand", On(29, 23.9)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Comment, On(1)));
        world.Apply(Ev.Of("b", "brand", InteractionKind.Reply, On(2)));
        world.Apply(Ev.Of("c", "brand", InteractionKind.Comment, On(3)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Share, On(4)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Share, On(5)));
        for (int i = 0; i < 6; i++)
        {
            world.Apply(Ev.Of("x" + i, "brand", InteractionKind.Like, On(i)));
        }

        world.Apply(Ev.Of("a", "brand", InteractionKind.Conversion, On(6), value: 100));
        world.Apply(Ev.Of("b", "brand", InteractionKind.Conversion, On(7), value: 25.5));
        world.Apply(Ev.Of("brand", "a", InteractionKind.Comment, On(8))); // given, not received: not counted

        // Window of 30 days ending with day 29: days 0..29.
        KaushikScore k = world.Account("brand").Score(On(29, 23.95), Model).Kaushik;

        Assert.Equal(Day0, k.WindowStartMs);
        Assert.Equal(Day0 + Ev.Days(30), k.WindowEndMs);
        Assert.Equal(4, k.Posts);
        Assert.Equal(3, k.Conversations);
        Assert.Equal(2, k.Shares);
        Assert.Equal(6, k.Likes);
        Assert.Equal(2, k.Conversions);
        Assert.Equal(0.75, k.ConversationRate);  // 3 / 4
        Assert.Equal(0.5, k.AmplificationRate);  // 2 / 4
        Assert.Equal(1.5, k.ApplauseRate);       // 6 / 4
        Assert.Equal(125.5, k.EconomicValue);
    }

    [Fact]
    public void Events_outside_the_window_do_not_count()
    {
        var world = new World(Model);
        world.Apply(Ev.Post("brand", On(0, 0)));                               // day 0: outside a window of days 1..30
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(0, 23.99)));  // day 0: outside
        world.Apply(Ev.Post("brand", On(1, 0)));                               // day 1: inside
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(1, 0)));      // inside
        world.Apply(Ev.Of("b", "brand", InteractionKind.Like, On(30, 5)));     // inside (day of as-of)
        world.Apply(Ev.Of("c", "brand", InteractionKind.Like, On(31, 1)));     // day after as-of: outside

        KaushikScore k = world.Account("brand").Score(On(30, 12), Model).Kaushik;

        Assert.Equal(Day0 + Ev.Days(1), k.WindowStartMs);
        Assert.Equal(1, k.Posts);
        Assert.Equal(2, k.Likes);
        Assert.Equal(2.0, k.ApplauseRate);
    }

    [Fact]
    public void Without_posts_rates_are_plain_counts()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("a", "brand", InteractionKind.Comment, On(0)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Share, On(0)));
        world.Apply(Ev.Of("b", "brand", InteractionKind.Share, On(0)));

        KaushikScore k = world.Account("brand").Score(On(0, 20), Model).Kaushik;

        Assert.Equal(0, k.Posts);
        Assert.Equal(1.0, k.ConversationRate);
        Assert.Equal(2.0, k.AmplificationRate);
        Assert.Equal(0.0, k.ApplauseRate);
        Assert.Equal(0.0, k.EconomicValue);
    }

    [Fact]
    public void Past_as_of_within_retention_works_and_older_days_are_dropped()
    {
        ScoringModel model = Model with { KaushikWindowMs = Ev.Days(10), KaushikRetentionMs = Ev.Days(40) };
        var world = new World(model);
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(0)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(5)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(20)));

        // A window in the past (days 0..9), while still retained.
        Assert.Equal(2, world.Account("brand").Score(On(9), model).Kaushik.Likes);

        // Day 45 moves retention to days 6..45: days 0 and 5 are gone, and a late day-3 event is ignored.
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(45)));
        world.Apply(Ev.Of("a", "brand", InteractionKind.Like, On(3)));
        KaushikScore past = world.Account("brand").Score(On(9), model).Kaushik;
        Assert.Equal(0, past.Likes);
        Assert.Equal(Day0 + Ev.Days(6), past.RetainedFromMs);
        Assert.Equal(1, world.Account("brand").Score(On(25), model).Kaushik.Likes);
        Assert.Equal(5, world.Account("brand").Score(On(45), model).ReceivedCounts[InteractionKind.Like]);
    }
}
