namespace ScoringGrid.Scoring.Tests;

public class AccountTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Counts_each_way_posts_and_conversion_values()
    {
        var world = new World(Model);
        world.Apply(Ev.Post("brand", Ev.Base));
        world.Apply(Ev.Post("brand", Ev.Base + 1));
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Like, Ev.Base + 2));
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Conversion, Ev.Base + 3, value: 49.5));
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Conversion, Ev.Base + 4, value: 0.5));
        world.Apply(Ev.Of("brand", "fan", InteractionKind.Reply, Ev.Base + 5));

        AccountScore brand = world.Account("brand").Score(Ev.Base + 10, Model);
        AccountScore fan = world.Account("fan").Score(Ev.Base + 10, Model);

        Assert.Equal(2, brand.Posts);
        Assert.Equal(2, brand.GivenCounts[InteractionKind.Post]);
        Assert.Equal(1, brand.GivenCounts[InteractionKind.Reply]);
        Assert.Equal(1, brand.ReceivedCounts[InteractionKind.Like]);
        Assert.Equal(2, brand.ReceivedCounts[InteractionKind.Conversion]);
        Assert.Equal(50.0, brand.ConversionValueReceived);
        Assert.Equal(50.0, fan.ConversionValueGiven);
        Assert.Equal(3, fan.GivenCounts.Total);
        Assert.Equal(1, fan.ReceivedCounts.Total);
        Assert.Equal(Ev.Base, brand.FirstEventMs);
        Assert.Equal(Ev.Base + 5, brand.LastEventMs);
        Assert.Equal(Model.Weights, brand.Weights);
    }

    [Fact]
    public void Counts_past_32_bits_stay_exact_through_interactions_and_snapshots()
    {
        // Counts are held in 32 bits until one outgrows them; none may saturate or wrap.
        var world = new World(Model);
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Like, Ev.Base));
        world.Apply(Ev.Of("brand", "fan", InteractionKind.Reply, Ev.Base));
        AccountSnapshot snapshot = world.Account("brand").Save();
        snapshot.ReceivedCounts![(int)InteractionKind.Like] = uint.MaxValue - 1L;
        snapshot.GivenCounts![(int)InteractionKind.Reply] = 5_000_000_000L;
        var brand = AccountState.Load(snapshot);

        for (int i = 0; i < 3; i++)
        {
            brand.ApplyAsTarget(Ev.Of("fan", "brand", InteractionKind.Like, Ev.Base + 1 + i), Model);
        }

        brand.ApplyAsActor(Ev.Of("brand", "fan", InteractionKind.Reply, Ev.Base + 10), Model);
        brand.ApplyAsTarget(Ev.Of("fan", "brand", InteractionKind.Share, Ev.Base + 11), Model);

        AccountScore score = brand.Score(Ev.Base + 20, Model);
        Assert.Equal(uint.MaxValue + 2L, score.ReceivedCounts[InteractionKind.Like]);
        Assert.Equal(1, score.ReceivedCounts[InteractionKind.Share]);
        Assert.Equal(5_000_000_001L, score.GivenCounts[InteractionKind.Reply]);
        Assert.Equal(5_000_000_001L, score.ConversationalGiven);

        AccountScore reloaded = AccountState.Load(brand.Save()).Score(Ev.Base + 20, Model);
        Assert.Equal(uint.MaxValue + 2L, reloaded.ReceivedCounts[InteractionKind.Like]);
        Assert.Equal(5_000_000_001L, reloaded.GivenCounts[InteractionKind.Reply]);
        Assert.Equal(score.ReceivedCounts.Total, reloaded.ReceivedCounts.Total);
    }

    [Fact]
    public void Counts_past_16_bits_stay_exact_and_keep_every_other_kind()
    {
        // Counts are held in 16 bits until one outgrows them; then all move to 64 bits, none lost.
        var world = new World(Model);
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Like, Ev.Base));
        AccountSnapshot snapshot = world.Account("brand").Save();
        snapshot.ReceivedCounts![(int)InteractionKind.Like] = ushort.MaxValue - 1L;
        snapshot.ReceivedCounts[(int)InteractionKind.View] = ushort.MaxValue;
        snapshot.ReceivedCounts[(int)InteractionKind.Comment] = 7;
        snapshot.GivenCounts![(int)InteractionKind.Reply] = 3; // the given side shares the storage: it must move too
        var brand = AccountState.Load(snapshot);

        for (int i = 0; i < 3; i++)
        {
            brand.ApplyAsTarget(Ev.Of("fan", "brand", InteractionKind.Like, Ev.Base + 1 + i), Model);
        }

        brand.ApplyAsTarget(Ev.Of("fan", "brand", InteractionKind.Comment, Ev.Base + 5), Model);
        AccountScore score = brand.Score(Ev.Base + 20, Model);
        Assert.Equal(ushort.MaxValue + 2L, score.ReceivedCounts[InteractionKind.Like]);
        Assert.Equal(ushort.MaxValue, score.ReceivedCounts[InteractionKind.View]);
        Assert.Equal(8, score.ReceivedCounts[InteractionKind.Comment]);
        Assert.Equal(3, score.GivenCounts[InteractionKind.Reply]);
        Assert.Equal(0, score.GivenCounts[InteractionKind.Like]);

        AccountScore reloaded = AccountState.Load(brand.Save()).Score(Ev.Base + 20, Model);
        Assert.Equal(ushort.MaxValue + 2L, reloaded.ReceivedCounts[InteractionKind.Like]);
        Assert.Equal(ushort.MaxValue, reloaded.ReceivedCounts[InteractionKind.View]);
        Assert.Equal(3, reloaded.GivenCounts[InteractionKind.Reply]);
        Assert.Equal(score.ReceivedCounts.Total, reloaded.ReceivedCounts.Total);
    }

    [Fact]
    public void Engagement_given_and_received_are_weighted_sums()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Share, Ev.Base));       // 3
        world.Apply(Ev.Of("fan", "brand", InteractionKind.Mention, Ev.Base));     // 4
        world.Apply(Ev.Of("brand", "fan", InteractionKind.DirectMessage, Ev.Base)); // 10
        world.Apply(Ev.Post("brand", Ev.Base));                                   // 0

        AccountScore brand = world.Account("brand").Score(Ev.Base, Model);

        Assert.Equal(7.0, brand.EngagementReceived, 12);
        Assert.Equal(10.0, brand.EngagementGiven, 12);
        Assert.Equal(7.0, ForwardDecay.KeyToValue(world.Account("brand").EngagementReceivedKey, Ev.Base, Model.AccountHalfLifeMs), 10);
    }

    [Fact]
    public void Conversation_ratio_is_talking_per_post()
    {
        var world = new World(Model);
        for (int i = 0; i < 4; i++)
        {
            world.Apply(Ev.Post("brand", Ev.Base + i));
        }

        world.Apply(Ev.Of("brand", "x", InteractionKind.Reply, Ev.Base + 10));
        world.Apply(Ev.Of("brand", "x", InteractionKind.Reply, Ev.Base + 11));
        world.Apply(Ev.Of("brand", "y", InteractionKind.Comment, Ev.Base + 12));
        world.Apply(Ev.Of("brand", "y", InteractionKind.DirectMessage, Ev.Base + 13));
        world.Apply(Ev.Of("brand", "y", InteractionKind.DirectMessage, Ev.Base + 14));
        world.Apply(Ev.Of("brand", "y", InteractionKind.DirectMessage, Ev.Base + 15));
        world.Apply(Ev.Of("brand", "y", InteractionKind.Like, Ev.Base + 16)); // not talking

        AccountScore score = world.Account("brand").Score(Ev.Base + 20, Model);

        Assert.Equal(6, score.ConversationalGiven);
        Assert.Equal(1.5, score.ConversationRatio); // 6 / 4
    }

    [Fact]
    public void Conversation_ratio_without_posts_is_the_talking_count()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("person", "x", InteractionKind.Reply, Ev.Base));
        world.Apply(Ev.Of("person", "x", InteractionKind.Comment, Ev.Base + 1));
        world.Apply(Ev.Of("quiet", "x", InteractionKind.Like, Ev.Base + 2));

        Assert.Equal(2.0, world.Account("person").Score(Ev.Base, Model).ConversationRatio);
        Assert.Equal(0.0, world.Account("quiet").Score(Ev.Base, Model).ConversationRatio);
    }

    [Fact]
    public void Routing_mistakes_are_refused()
    {
        var account = new AccountState("brand");

        Assert.Throws<ArgumentException>(() => account.ApplyAsActor(Ev.Of("other", "brand", InteractionKind.Like, Ev.Base), Model));
        Assert.Throws<ArgumentException>(() => account.ApplyAsTarget(Ev.Of("brand", "other", InteractionKind.Like, Ev.Base), Model));
        Assert.Throws<ArgumentException>(() => account.ApplyAsTarget(Ev.Post("brand", Ev.Base) with { Target = "brand" }, Model));
        Assert.Throws<ArgumentException>(() => account.ApplyAsActor(Ev.Of("brand", "x", InteractionKind.Unspecified, Ev.Base), Model));
        Assert.Null(account.LastEventMs);
    }

    [Fact]
    public void Snapshot_round_trip_keeps_every_score()
    {
        ScoringModel model = Model with { ResponsivenessRetentionMs = Ev.Days(5), KaushikRetentionMs = Ev.Days(5), KaushikWindowMs = Ev.Days(3) };
        var world = new World(model);
        world.Apply(Ev.Of("x", "brand", InteractionKind.Mention, Ev.Base, id: "m1"));
        world.Apply(Ev.Of("y", "brand", InteractionKind.Mention, Ev.Base + Ev.Days(6), id: "m2"));
        world.Apply(Ev.Of("z", "brand", InteractionKind.DirectMessage, Ev.Base + Ev.Days(6)));
        world.Apply(Ev.Of("brand", "q", InteractionKind.Reply, Ev.Base + Ev.Days(6.5), inReplyTo: "m2"));
        world.Apply(Ev.Of("brand", "q", InteractionKind.Reply, Ev.Base + Ev.Days(6.6), inReplyTo: "not-seen-yet"));
        world.Apply(Ev.Of("x", "brand", InteractionKind.Follow, Ev.Base + Ev.Days(6)));
        world.Apply(Ev.Of("x", "brand", InteractionKind.Like, Ev.Base + Ev.Days(7)));
        world.Apply(Ev.Of("y", "brand", InteractionKind.Follow, Ev.Base + Ev.Days(1)));
        world.Apply(Ev.Of("y", "brand", InteractionKind.Unfollow, Ev.Base + Ev.Days(2)));
        world.Apply(Ev.Post("brand", Ev.Base + Ev.Days(7)));
        world.Apply(Ev.Of("x", "brand", InteractionKind.Conversion, Ev.Base + Ev.Days(7), value: 12));
        AccountState brand = world.Account("brand");

        AccountSnapshot snapshot = brand.Save();
        AccountState copy = AccountState.Load(snapshot);

        foreach (double day in new[] { 7.0, 7.5, 9.0 })
        {
            long asOf = Ev.Base + Ev.Days(day);
            ScoreAssert.Equal(brand.Score(asOf, model), copy.Score(asOf, model));
        }

        // Copies stay equal as more events arrive (the pending in_reply_to link included).
        Interaction late = Ev.Of("z", "brand", InteractionKind.Mention, Ev.Base + Ev.Days(6.55), id: "not-seen-yet");
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(late, model));
        Assert.Equal(ApplyResult.Applied, copy.ApplyAsTarget(late, model));
        ScoreAssert.Equal(brand.Score(Ev.Base + Ev.Days(8), model), copy.Score(Ev.Base + Ev.Days(8), model));
        Assert.Single(snapshot.Fans, f => f.Account == "x" && f.Following);
        Assert.Equal(2, snapshot.Answers.Count);
    }
}
