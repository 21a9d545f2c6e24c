namespace ScoringGrid.Scoring.Tests;

public class RelationshipTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Pair_is_ordered_ordinally_whatever_the_constructor_order()
    {
        var pair = new RelationshipState("zed", "Amy");

        Assert.Equal("Amy", pair.A); // 'A' (0x41) < 'z' (0x7A) ordinally
        Assert.Equal("zed", pair.B);
        Assert.Equal(("Amy", "zed"), RelationshipState.OrderPair("zed", "Amy"));
        Assert.Equal("zed", pair.Other("Amy"));
    }

    [Fact]
    public void Pair_of_one_account_or_empty_ids_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RelationshipState("a", "a"));
        Assert.Throws<ArgumentException>(() => new RelationshipState("", "a"));
    }

    [Fact]
    public void Balanced_engagement_has_reciprocity_one_and_full_strength()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Comment, Ev.Base), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Comment, Ev.Base), Model);

        RelationshipScore score = pair.Score(Ev.Base, Model);

        Assert.Equal(1.0, score.Reciprocity);
        Assert.Equal(12.0, score.Strength, 12);
    }

    [Fact]
    public void One_way_engagement_has_reciprocity_zero_and_counts_half()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("b", "a", InteractionKind.Share, Ev.Base), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Like, Ev.Base), Model);

        RelationshipScore score = pair.Score(Ev.Base, Model);

        Assert.Equal(0.0, score.AToB);
        Assert.Equal(4.0, score.BToA, 12);
        Assert.Equal(0.0, score.Reciprocity);
        Assert.Equal(2.0, score.Strength, 12);
    }

    [Fact]
    public void Uneven_engagement_reciprocity_and_strength_by_hand()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Reply, Ev.Base), Model);   // 8
        pair.Apply(Ev.Of("b", "a", InteractionKind.Mention, Ev.Base), Model); // 4

        RelationshipScore now = pair.Score(Ev.Base, Model);
        RelationshipScore later = pair.Score(Ev.Base + Model.RelationshipHalfLifeMs, Model);

        Assert.Equal(2.0 / 3.0, now.Reciprocity, 12);     // 2·4 / 12
        Assert.Equal(10.0, now.Strength, 12);              // 12·(0.5 + 1/3)
        Assert.Equal(2.0 / 3.0, later.Reciprocity, 12);   // both sides halve
        Assert.Equal(5.0, later.Strength, 12);
    }

    [Fact]
    public void No_engagement_gives_zero_everything()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.View, Ev.Base), Model); // weight 0

        RelationshipScore score = pair.Score(Ev.Base, Model);

        Assert.Equal(0.0, score.Reciprocity);
        Assert.Equal(0.0, score.Strength);
        Assert.Equal(double.NegativeInfinity, score.StrengthKey);
        Assert.Equal(1, score.CountsAToB[InteractionKind.View]);
    }

    [Fact]
    public void Counts_first_last_and_sentiment_each_way()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Like, Ev.Base + 500, sentiment: 0.5), Model);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Like, Ev.Base + 100, sentiment: -1), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Conversion, Ev.Base + 900, value: 20), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.View, Ev.Base + 300), Model);

        RelationshipScore score = pair.Score(Ev.Base + 1000, Model);

        Assert.Equal(2, score.CountsAToB[InteractionKind.Like]);
        Assert.Equal(2, score.CountsAToB.Total);
        Assert.Equal(1, score.CountsBToA[InteractionKind.Conversion]);
        Assert.Equal(1, score.CountsBToA[InteractionKind.View]);
        Assert.Equal(0, score.CountsBToA[InteractionKind.Like]);
        Assert.Equal(Ev.Base + 100, score.FirstInteractionMs);
        Assert.Equal(Ev.Base + 900, score.LastInteractionMs);
        Assert.Equal(2, score.SentimentCountAToB);
        Assert.Equal(-0.25, score.MeanSentimentAToB);
        Assert.Equal(0, score.SentimentCountBToA);
        Assert.Null(score.MeanSentimentBToA);
        Assert.Equal(Model.Weights, score.Weights);
        Assert.Equal(Model.RelationshipHalfLifeMs, score.HalfLifeMs);
        Assert.Equal(Ev.Base + 1000, score.AsOfMs);
    }

    [Fact]
    public void Unfollow_after_follow_clears_the_flag()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Follow, Ev.Base), Model);
        Assert.True(pair.Score(Ev.Base, Model).AFollowsB);

        pair.Apply(Ev.Of("a", "b", InteractionKind.Unfollow, Ev.Base + 10), Model);

        RelationshipScore score = pair.Score(Ev.Base + 10, Model);
        Assert.False(score.AFollowsB);
        Assert.True(score.BFollowsA);
    }

    [Fact]
    public void Follow_flags_follow_event_time_not_arrival_order()
    {
        // The UNFOLLOW happened later but arrives first: the earlier FOLLOW must not win.
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Unfollow, Ev.Base + 10), Model);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base), Model);
        Assert.False(pair.Score(Ev.Base + 10, Model).AFollowsB);

        // A re-follow later than the unfollow, arriving before both, wins.
        var other = new RelationshipState("a", "b");
        other.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base + 20), Model);
        other.Apply(Ev.Of("a", "b", InteractionKind.Unfollow, Ev.Base + 10), Model);
        other.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base), Model);
        Assert.True(other.Score(Ev.Base + 20, Model).AFollowsB);
    }

    [Fact]
    public void Follow_and_unfollow_at_the_same_time_resolve_to_unfollow_in_any_order()
    {
        var first = new RelationshipState("a", "b");
        first.Apply(Ev.Of("b", "a", InteractionKind.Follow, Ev.Base), Model);
        first.Apply(Ev.Of("b", "a", InteractionKind.Unfollow, Ev.Base), Model);
        var second = new RelationshipState("a", "b");
        second.Apply(Ev.Of("b", "a", InteractionKind.Unfollow, Ev.Base), Model);
        second.Apply(Ev.Of("b", "a", InteractionKind.Follow, Ev.Base), Model);

        Assert.False(first.Score(Ev.Base, Model).BFollowsA);
        Assert.False(second.Score(Ev.Base, Model).BFollowsA);
    }

    [Fact]
    public void Inbound_and_outbound_keys_follow_the_direction()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.DirectMessage, Ev.Base), Model); // 10 a→b
        pair.Apply(Ev.Of("b", "a", InteractionKind.Like, Ev.Base), Model);          // 1 b→a
        long h = Model.RelationshipHalfLifeMs;

        Assert.Equal(10.0, ForwardDecay.KeyToValue(pair.OutboundKey("a"), Ev.Base, h), 10);
        Assert.Equal(10.0, ForwardDecay.KeyToValue(pair.InboundKey("b"), Ev.Base, h), 10);
        Assert.Equal(1.0, ForwardDecay.KeyToValue(pair.InboundKey("a"), Ev.Base, h), 10);
        Assert.Equal(1.0, ForwardDecay.KeyToValue(pair.OutboundKey("b"), Ev.Base, h), 10);
        Assert.Throws<ArgumentException>(() => pair.InboundKey("c"));
    }

    [Fact]
    public void Interaction_outside_the_pair_or_a_post_is_refused()
    {
        var pair = new RelationshipState("a", "b");

        Assert.Throws<ArgumentException>(() => pair.Apply(Ev.Of("a", "c", InteractionKind.Like, Ev.Base), Model));
        Assert.Throws<ArgumentException>(() => pair.Apply(Ev.Post("a", Ev.Base), Model));
        Assert.Null(pair.LastInteractionMs);
    }

    [Fact]
    public void Snapshot_round_trip_keeps_every_score()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base, sentiment: 0.3), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Reply, Ev.Base + Ev.Days(1)), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Unfollow, Ev.Base + Ev.Days(2)), Model);

        RelationshipState copy = RelationshipState.Load(pair.Save());
        RelationshipState clone = pair.Clone();
        long asOf = Ev.Base + Ev.Days(5);

        ScoreAssert.Equal(pair.Score(asOf, Model), copy.Score(asOf, Model));
        ScoreAssert.Equal(pair.Score(asOf, Model), clone.Score(asOf, Model));

        // The copy is independent.
        clone.Apply(Ev.Of("a", "b", InteractionKind.Like, asOf), Model);
        Assert.Equal(1, clone.Score(asOf, Model).CountsAToB[InteractionKind.Like]);
        Assert.Equal(0, pair.Score(asOf, Model).CountsAToB[InteractionKind.Like]);
    }
}
