namespace ScoringGrid.Scoring.Tests;

public class FollowerTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Followers_engaged_and_silent_by_hand()
    {
        long asOf = Ev.Base + Ev.Days(100);
        var world = new World(Model);
        foreach (string f in new[] { "f1", "f2", "f3", "f4" })
        {
            world.Apply(Ev.Of(f, "brand", InteractionKind.Follow, Ev.Base));
        }

        world.Apply(Ev.Of("f4", "brand", InteractionKind.Unfollow, Ev.Base + Ev.Days(1)));   // gone
        world.Apply(Ev.Of("f1", "brand", InteractionKind.Like, asOf - Ev.Days(10)));          // engaged
        world.Apply(Ev.Of("f2", "brand", InteractionKind.Comment, asOf - Ev.Days(40)));       // too long ago
        world.Apply(Ev.Of("f3", "brand", InteractionKind.View, asOf - Ev.Days(1)));           // weight 0: not engagement
        world.Apply(Ev.Of("f4", "brand", InteractionKind.Share, asOf - Ev.Days(1)));          // engaged, not a follower
        world.Apply(Ev.Of("stranger", "brand", InteractionKind.Reply, asOf - Ev.Days(1)));    // engaged, not a follower

        FollowerScore score = world.Account("brand").Score(asOf, Model).Followers;

        Assert.Equal(3, score.Followers);
        Assert.Equal(1, score.EngagedFollowers);
        Assert.Equal(2, score.SilentFollowers);
        Assert.Equal(2.0 / 3.0, score.SilentRatio, 12);
        Assert.Equal(asOf - Model.EngagedFollowerWindowMs, score.WindowStartMs);
        Assert.Equal(asOf, score.WindowEndMs);
        Assert.Equal(5, score.TrackedAccounts);
    }

    [Theory]
    // Up to the few-fans layout's limit, just past it, and well past it (the dictionary layout).
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void Many_fans_are_counted_the_same_in_either_layout_and_survive_a_snapshot(int fans)
    {
        long asOf = Ev.Base + Ev.Days(100);
        var world = new World(Model);
        int followers = 0, engaged = 0;
        for (int i = 0; i < fans; i++)
        {
            string fan = "fan" + i;
            bool follows = i % 3 != 0;
            bool engages = i % 2 == 0;
            if (follows)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Follow, Ev.Base + i));
                followers++;
            }

            if (engages)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Like, asOf - Ev.Days(1) - i));
                engaged += follows ? 1 : 0;
            }

            if (i % 7 == 0 && follows)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Unfollow, Ev.Base + Ev.Days(1) + i));
                followers--;
                engaged -= engages ? 1 : 0;
            }
        }

        FollowerScore score = world.Account("brand").Score(asOf, Model).Followers;
        Assert.Equal(followers, score.Followers);
        Assert.Equal(engaged, score.EngagedFollowers);
        Assert.Equal(followers - engaged, score.SilentFollowers);
        Assert.Equal(fans - Enumerable.Range(0, fans).Count(i => i % 3 == 0 && i % 2 != 0), score.TrackedAccounts);

        FollowerScore reloaded = AccountState.Load(world.Account("brand").Save()).Score(asOf, Model).Followers;
        Assert.Equal(
            (score.Followers, score.EngagedFollowers, score.SilentFollowers, score.TrackedAccounts),
            (reloaded.Followers, reloaded.EngagedFollowers, reloaded.SilentFollowers, reloaded.TrackedAccounts));
    }

    [Theory]
    // Within the few-fans layout, at its limit, and moved to the dictionary part-way through.
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(23)]
    public void Each_fans_follow_state_and_times_survive_growth_and_a_snapshot(int fans)
    {
        // Fan i: i % 3 == 0 never follows, 1 follows, 2 follows then unfollows; i % 4 == 0 also
        // engages. Events arrive fan by fan, then a second round re-follows every fifth fan, so
        // states change after the layout has grown or moved.
        var world = new World(Model);
        var expected = new SortedDictionary<string, (long? FollowMs, bool Following, long? EngagedMs)>(StringComparer.Ordinal);
        for (int i = 0; i < fans; i++)
        {
            string fan = "fan" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            long? followMs = null;
            bool following = false;
            if (i % 3 != 0)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Follow, Ev.Base + i));
                (followMs, following) = (Ev.Base + i, true);
            }

            if (i % 3 == 2)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Unfollow, Ev.Base + 100 + i));
                (followMs, following) = (Ev.Base + 100 + i, false);
            }

            long? engagedMs = null;
            if (i % 4 == 0)
            {
                world.Apply(Ev.Of(fan, "brand", InteractionKind.Like, Ev.Base + 200 + i));
                engagedMs = Ev.Base + 200 + i;
            }

            if (followMs is not null || engagedMs is not null)
            {
                expected[fan] = (followMs, following, engagedMs); // an account with no event is not tracked
            }
        }

        for (int i = 0; i < fans; i += 5)
        {
            string fan = "fan" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            world.Apply(Ev.Of(fan, "brand", InteractionKind.Follow, Ev.Base + 300 + i));
            expected[fan] = (Ev.Base + 300 + i, true, expected.GetValueOrDefault(fan).EngagedMs);
        }

        AccountSnapshot saved = world.Account("brand").Save();
        Assert.Equal(
            expected.Select(e => (e.Key, e.Value.FollowMs, e.Value.Following, e.Value.EngagedMs)),
            saved.Fans.Select(f => (f.Account, f.FollowEventMs, f.Following, f.LastEngagedMs)));
        Assert.Equal(expected.Count(e => e.Value.Following), world.Account("brand").FollowerCount);

        AccountSnapshot again = AccountState.Load(saved).Save();
        Assert.Equal(
            saved.Fans.Select(f => (f.Account, f.FollowEventMs, f.Following, f.LastEngagedMs)),
            again.Fans.Select(f => (f.Account, f.FollowEventMs, f.Following, f.LastEngagedMs)));
        Assert.Equal(world.Account("brand").FollowerCount, AccountState.Load(saved).FollowerCount);
    }

    [Fact]
    public void A_first_follow_after_many_engaging_fans_keeps_every_fans_times()
    {
        // Fans that only engage need no follow time; the first follow event gives every fan one, and the
        // fans that arrive after it keep theirs through growth and a snapshot.
        var world = new World(Model);
        for (int i = 0; i < 9; i++)
        {
            world.Apply(Ev.Of("fan" + i, "brand", InteractionKind.Like, Ev.Base + i));
        }

        Assert.Equal(0, world.Account("brand").FollowerCount);
        world.Apply(Ev.Of("fan3", "brand", InteractionKind.Follow, Ev.Base + 50));
        for (int i = 9; i < 14; i++)
        {
            world.Apply(Ev.Of("fan" + i, "brand", InteractionKind.Like, Ev.Base + i));
        }

        world.Apply(Ev.Of("fan12", "brand", InteractionKind.Follow, Ev.Base + 60));
        world.Apply(Ev.Of("fan12", "brand", InteractionKind.Unfollow, Ev.Base + 61));
        world.Apply(Ev.Of("fan13", "brand", InteractionKind.Follow, Ev.Base + 70));

        var expected = Enumerable.Range(0, 14).Select(i => "fan" + i).Order(StringComparer.Ordinal).Select(fan => (fan,
            fan switch { "fan3" => Ev.Base + 50, "fan12" => Ev.Base + 61, "fan13" => Ev.Base + 70, _ => (long?)null },
            fan is "fan3" or "fan13",
            (long?)(Ev.Base + int.Parse(fan.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture))));
        AccountSnapshot saved = world.Account("brand").Save();
        Assert.Equal(expected, saved.Fans.Select(f => (f.Account, f.FollowEventMs, f.Following, f.LastEngagedMs)));
        Assert.Equal(2, world.Account("brand").FollowerCount);
        Assert.Equal(expected, AccountState.Load(saved).Save().Fans.Select(f => (f.Account, f.FollowEventMs, f.Following, f.LastEngagedMs)));
    }

    [Fact]
    public void Following_alone_is_not_engaging()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("f", "brand", InteractionKind.Follow, Ev.Base));

        FollowerScore score = world.Account("brand").Score(Ev.Base + 1, Model).Followers;

        Assert.Equal(1, score.Followers);
        Assert.Equal(0, score.EngagedFollowers);
        Assert.Equal(1.0, score.SilentRatio);
    }

    [Fact]
    public void Engagement_window_edges()
    {
        long asOf = Ev.Base + Ev.Days(60);
        long window = Model.EngagedFollowerWindowMs;
        var world = new World(Model);
        foreach (string f in new[] { "edge", "inside", "future" })
        {
            world.Apply(Ev.Of(f, "brand", InteractionKind.Follow, Ev.Base));
        }

        world.Apply(Ev.Of("edge", "brand", InteractionKind.Like, asOf - window));       // window start is exclusive
        world.Apply(Ev.Of("inside", "brand", InteractionKind.Like, asOf - window + 1));
        world.Apply(Ev.Of("future", "brand", InteractionKind.Like, asOf + 1));          // after as-of

        Assert.Equal(1, world.Account("brand").Score(asOf, Model).Followers.EngagedFollowers);
    }

    [Fact]
    public void No_followers_means_zero_silent_ratio()
    {
        var brand = new AccountState("brand");

        FollowerScore score = brand.Score(Ev.Base, Model).Followers;

        Assert.Equal(0, score.Followers);
        Assert.Equal(0.0, score.SilentRatio);
    }

    [Fact]
    public void Follow_state_follows_event_time_not_arrival()
    {
        var brand = new AccountState("brand");
        brand.ApplyAsTarget(Ev.Of("f", "brand", InteractionKind.Unfollow, Ev.Base + 10), Model);
        brand.ApplyAsTarget(Ev.Of("f", "brand", InteractionKind.Follow, Ev.Base), Model);
        brand.ApplyAsTarget(Ev.Of("g", "brand", InteractionKind.Follow, Ev.Base + 10), Model);
        brand.ApplyAsTarget(Ev.Of("g", "brand", InteractionKind.Unfollow, Ev.Base), Model);
        brand.ApplyAsTarget(Ev.Of("h", "brand", InteractionKind.Follow, Ev.Base), Model);
        brand.ApplyAsTarget(Ev.Of("h", "brand", InteractionKind.Unfollow, Ev.Base), Model); // tie: unfollow wins

        Assert.Equal(1, brand.FollowerCount);
        Assert.Equal(1, brand.Score(Ev.Base + 20, Model).Followers.Followers);
    }
}
