namespace ScoringGrid.Scoring.Tests;

public class DecayTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;
    private static readonly long H = Model.RelationshipHalfLifeMs;

    [Fact]
    public void Landmark_is_2020_01_01_utc()
    {
        Assert.Equal(ForwardDecay.LandmarkMs, Ev.Utc(2020));
    }

    [Fact]
    public void Reference_formula_halves_every_half_life()
    {
        Assert.Equal(8.0, ForwardDecay.Decay(8, Ev.Base, Ev.Base, H));
        Assert.Equal(4.0, ForwardDecay.Decay(8, Ev.Base, Ev.Base + H, H), 12);
        Assert.Equal(2.0, ForwardDecay.Decay(8, Ev.Base, Ev.Base + 2 * H, H), 12);
        Assert.Equal(8 / Math.Sqrt(2), ForwardDecay.Decay(8, Ev.Base, Ev.Base + H / 2, H), 12);
        Assert.Equal(8 * Math.Pow(2, -10.0 / 14), ForwardDecay.Decay(8, Ev.Base, Ev.Base + Ev.Days(10), H), 12);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(7.0, 0.70710678118654757)]
    [InlineData(14.0, 0.5)]
    [InlineData(28.0, 0.25)]
    [InlineData(70.0, 0.03125)]
    public void Relationship_like_decays_with_the_14_day_half_life(double days, double expected)
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Like, Ev.Base), Model);

        RelationshipScore score = pair.Score(Ev.Base + Ev.Days(days), Model);

        Assert.Equal(expected, score.AToB, 12);
        Assert.Equal(0.0, score.BToA);
    }

    [Fact]
    public void Account_sums_decay_with_the_7_day_half_life()
    {
        var account = new AccountState("brand");
        account.ApplyAsTarget(Ev.Of("fan", "brand", InteractionKind.Comment, Ev.Base), Model); // 6
        account.ApplyAsActor(Ev.Of("brand", "fan", InteractionKind.Reply, Ev.Base + Ev.Days(7)), Model); // 8

        AccountScore at14 = account.Score(Ev.Base + Ev.Days(14), Model);

        Assert.Equal(6 * 0.25, at14.EngagementReceived, 12);
        Assert.Equal(8 * 0.5, at14.EngagementGiven, 12);
        Assert.Equal(Model.AccountHalfLifeMs, at14.HalfLifeMs);
    }

    [Fact]
    public void Decayed_sum_is_the_sum_of_each_events_decay()
    {
        var pair = new RelationshipState("a", "b");
        long t1 = Ev.Base;
        long t2 = Ev.Base + Ev.Days(3);
        long t3 = Ev.Base + Ev.Days(20);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Reply, t3), Model);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Like, t1), Model);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Share, t2), Model);
        long asOf = Ev.Base + Ev.Days(30);

        double expected = ForwardDecay.Decay(8, t3, asOf, H) + ForwardDecay.Decay(1, t1, asOf, H) + ForwardDecay.Decay(3, t2, asOf, H);

        Assert.Equal(expected, pair.Score(asOf, Model).AToB, 12);
    }

    [Fact]
    public void Unfollow_subtracts_and_strength_clamps_at_zero()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Follow, Ev.Base), Model);
        pair.Apply(Ev.Of("a", "b", InteractionKind.Unfollow, Ev.Base), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Like, Ev.Base), Model);

        RelationshipScore score = pair.Score(Ev.Base, Model);

        Assert.Equal(-3.0, score.AToB, 12);
        Assert.Equal(1.0, score.BToA, 12);
        Assert.Equal(0.0, score.Reciprocity);
        Assert.Equal(0.5, score.Strength, 12); // (0 + 1)·(0.5 + 0)
        Assert.Equal(double.NegativeInfinity, pair.OutboundKey("a"));
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2010)]
    [InlineData(2020)]
    [InlineData(2045)]
    [InlineData(2070)]
    [InlineData(2099)]
    [InlineData(2100)]
    public void Values_stay_exact_from_2000_to_2100(int year)
    {
        long t = Ev.Utc(year, 3, 15);
        var pair = new RelationshipState("a", "b");
        var account = new AccountState("b");
        Interaction reply = Ev.Of("a", "b", InteractionKind.Reply, t);
        pair.Apply(reply, Model);
        account.ApplyAsTarget(reply, Model);

        Assert.Equal(8.0, pair.Score(t, Model).AToB, 10);
        Assert.Equal(4.0, pair.Score(t + H, Model).AToB, 10);
        Assert.Equal(2.0, account.Score(t + 2 * Model.AccountHalfLifeMs, Model).EngagementReceived, 10);
        Assert.True(double.IsFinite(pair.StrengthKey));
        Assert.Equal(4.0, ForwardDecay.KeyToValue(pair.StrengthKey, t, H), 10); // strength of one-way 8 = 4
    }

    [Fact]
    public void Renormalisation_keeps_a_century_of_events_correct()
    {
        // One event every 90 days from 2000 to 2100 (about 406 events; 2600 half-lives of 14 days),
        // applied forwards and backwards: both must match the reference sum at several as-of values.
        var forward = new RelationshipState("a", "b");
        var backward = new RelationshipState("a", "b");
        var times = new List<long>();
        for (long t = Ev.Utc(2000); t <= Ev.Utc(2100); t += Ev.Days(90))
        {
            times.Add(t);
        }

        foreach (long t in times)
        {
            forward.Apply(Ev.Of("a", "b", InteractionKind.Comment, t), Model);
        }

        for (int i = times.Count - 1; i >= 0; i--)
        {
            backward.Apply(Ev.Of("a", "b", InteractionKind.Comment, times[i]), Model);
        }

        foreach (long asOf in new[] { times[^1], times[^1] + Ev.Days(1), times[^1] + Ev.Days(45), times[^1] + Ev.Days(400) })
        {
            double expected = 0;
            foreach (long t in times)
            {
                expected += ForwardDecay.Decay(6, t, asOf, H);
            }

            Assert.Equal(expected, forward.Score(asOf, Model).AToB, 10);
            Assert.Equal(expected, backward.Score(asOf, Model).AToB, 10);
        }

        Assert.Equal(forward.StrengthKey, backward.StrengthKey, 9);
    }

    [Fact]
    public void Keys_compare_pairs_from_different_eras()
    {
        // A strong tie in 2001 and a weak tie in 2099: the 2099 tie is stronger at any later as-of.
        var old = new RelationshipState("a", "b");
        var recent = new RelationshipState("a", "c");
        for (int i = 0; i < 100; i++)
        {
            old.Apply(Ev.Of("a", "b", InteractionKind.DirectMessage, Ev.Utc(2001) + i), Model);
            old.Apply(Ev.Of("b", "a", InteractionKind.DirectMessage, Ev.Utc(2001) + i), Model);
        }

        recent.Apply(Ev.Of("a", "c", InteractionKind.Like, Ev.Utc(2099)), Model);

        Assert.True(recent.StrengthKey > old.StrengthKey);
        Assert.Equal(0.0, old.Score(Ev.Utc(2099), Model).Strength); // 2500 half-lives later: below double range
        Assert.Equal(0.5, recent.Score(Ev.Utc(2099), Model).Strength, 12);
        Assert.True(old.Score(Ev.Utc(2001) + 100, Model).Strength > 1000);
    }

    [Fact]
    public void Key_turns_back_into_the_strength_at_any_as_of()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Reply, Ev.Base), Model);
        pair.Apply(Ev.Of("b", "a", InteractionKind.Mention, Ev.Base + Ev.Days(2)), Model);

        foreach (double days in new[] { 2.0, 5.5, 30.0, 365.0 })
        {
            long asOf = Ev.Base + Ev.Days(days);
            Assert.Equal(pair.Score(asOf, Model).Strength, ForwardDecay.KeyToValue(pair.StrengthKey, asOf, H), 10);
        }
    }
}
