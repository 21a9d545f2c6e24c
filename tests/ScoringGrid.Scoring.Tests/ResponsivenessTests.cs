namespace ScoringGrid.Scoring.Tests;

public class ResponsivenessTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    private static long At(double hours) => Ev.Base + Ev.Hours(hours);

    /// <summary>
    /// The hand-worked example. From X: mentions at 0 h and 1 h, one reply at 3 h closes both (sample 3 h,
    /// from the oldest); a mention at 10 h, replied at 10.5 h (0.5 h). From Y: DMs at 0 h and 2 h, DMs back at
    /// 1 h (1 h) and 6 h (4 h). Z mentions at 12 h and W at 40 h, unanswered. As of 50 h: Z waited 38 h (past
    /// the 24 h SLA), W 10 h. Answered 5, past SLA 1: rate 5/6. Samples sorted 0.5, 1, 3, 4 h: median is rank
    /// ceil(0.5·4) = 2 → 1 h; p90 is rank ceil(0.9·4) = 4 → 4 h.
    /// </summary>
    private static List<Interaction> HandExample() =>
    [
        Ev.Of("x", "brand", InteractionKind.Mention, At(0), id: "x1"),
        Ev.Of("x", "brand", InteractionKind.Mention, At(1), id: "x2"),
        Ev.Of("brand", "x", InteractionKind.Reply, At(3), id: "r1"),
        Ev.Of("x", "brand", InteractionKind.Mention, At(10), id: "x3"),
        Ev.Of("brand", "x", InteractionKind.Reply, At(10.5), id: "r2"),
        Ev.Of("y", "brand", InteractionKind.DirectMessage, At(0), id: "y1"),
        Ev.Of("brand", "y", InteractionKind.DirectMessage, At(1), id: "d1"),
        Ev.Of("y", "brand", InteractionKind.DirectMessage, At(2), id: "y2"),
        Ev.Of("brand", "y", InteractionKind.DirectMessage, At(6), id: "d2"),
        Ev.Of("z", "brand", InteractionKind.Mention, At(12), id: "z1"),
        Ev.Of("w", "brand", InteractionKind.Mention, At(40), id: "w1"),
    ];

    private static void AssertHandExample(ResponsivenessScore r)
    {
        Assert.Equal(5, r.Answered);
        Assert.Equal(2, r.Open);
        Assert.Equal(1, r.OpenPastSla);
        Assert.Equal(5.0 / 6.0, r.ResponseRate!.Value, 12);
        Assert.Equal(4, r.AnswerSamples);
        Assert.Equal(Ev.Hours(1), r.MedianAnswerMs);
        Assert.Equal(Ev.Hours(4), r.P90AnswerMs);
        Assert.Equal(
            new[]
            {
                new OpenExpectation("z", At(12), "z1", Ev.Hours(38)),
                new OpenExpectation("w", At(40), "w1", Ev.Hours(10)),
            },
            r.OpenExpectations);
        Assert.Equal(Model.ResponseSlaMs, r.SlaMs);
    }

    [Fact]
    public void Hand_worked_example_in_order()
    {
        var world = new World(Model);
        world.ApplyAll(HandExample());

        AssertHandExample(world.Account("brand").Score(At(50), Model).Responsiveness);
    }

    [Fact]
    public void Hand_worked_example_in_reverse_and_shuffled_order()
    {
        List<Interaction> events = HandExample();
        var reversed = new World(Model);
        reversed.ApplyAll(Enumerable.Reverse(events));
        AssertHandExample(reversed.Account("brand").Score(At(50), Model).Responsiveness);

        var random = new Random(7);
        for (int round = 0; round < 20; round++)
        {
            Interaction[] shuffled = events.ToArray();
            random.Shuffle(shuffled);
            var world = new World(Model);
            world.ApplyAll(shuffled);
            AssertHandExample(world.Account("brand").Score(At(50), Model).Responsiveness);
        }
    }

    [Fact]
    public void Alternating_dm_thread_opens_and_answers_on_both_sides()
    {
        // a→b 0 m, b→a 1 m, a→b 5 m, b→a 6 m, a→b 20 m.
        var world = new World(Model);
        world.Apply(Ev.Of("a", "b", InteractionKind.DirectMessage, Ev.Base, id: "1"));
        world.Apply(Ev.Of("b", "a", InteractionKind.DirectMessage, Ev.Base + Ev.Minutes(1), id: "2"));
        world.Apply(Ev.Of("a", "b", InteractionKind.DirectMessage, Ev.Base + Ev.Minutes(5), id: "3"));
        world.Apply(Ev.Of("b", "a", InteractionKind.DirectMessage, Ev.Base + Ev.Minutes(6), id: "4"));
        world.Apply(Ev.Of("a", "b", InteractionKind.DirectMessage, Ev.Base + Ev.Minutes(20), id: "5"));
        long asOf = Ev.Base + Ev.Minutes(30);

        // b: expectations from a at 0, 5, 20; b answered at 1 (1 m) and 6 (1 m); 20 still open.
        ResponsivenessScore b = world.Account("b").Score(asOf, Model).Responsiveness;
        Assert.Equal(2, b.Answered);
        Assert.Equal(1, b.Open);
        Assert.Equal(0, b.OpenPastSla);
        Assert.Equal(1.0, b.ResponseRate);
        Assert.Equal(Ev.Minutes(1), b.MedianAnswerMs);
        Assert.Equal(Ev.Minutes(1), b.P90AnswerMs);
        Assert.Equal([new OpenExpectation("a", Ev.Base + Ev.Minutes(20), "5", Ev.Minutes(10))], b.OpenExpectations);

        // a: expectations from b at 1 and 6; a's DM at 0 answers nothing, at 5 closes 1 (4 m), at 20 closes 6 (14 m).
        ResponsivenessScore a = world.Account("a").Score(asOf, Model).Responsiveness;
        Assert.Equal(2, a.Answered);
        Assert.Equal(0, a.Open);
        Assert.Equal(2, a.AnswerSamples);
        Assert.Equal(Ev.Minutes(4), a.MedianAnswerMs);   // rank ceil(1.0) = 1
        Assert.Equal(Ev.Minutes(14), a.P90AnswerMs);     // rank ceil(1.8) = 2
        Assert.Empty(a.OpenExpectations);
    }

    [Theory]
    [InlineData(10, 5, 9)]   // ranks ceil(5) = 5, ceil(9) = 9
    [InlineData(11, 6, 10)]  // ranks ceil(5.5) = 6, ceil(9.9) = 10
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]    // ranks ceil(1) = 1, ceil(1.8) = 2
    [InlineData(20, 10, 18)]
    public void Median_and_p90_use_the_nearest_rank(int n, int medianMinutes, int p90Minutes)
    {
        // n senders, each answered after (i + 1) minutes: samples 1..n minutes.
        var brand = new AccountState("brand");
        for (int i = 0; i < n; i++)
        {
            string sender = "s" + i;
            Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(Ev.Of(sender, "brand", InteractionKind.Mention, Ev.Base), Model));
            brand.ApplyAsActor(Ev.Of("brand", sender, InteractionKind.Reply, Ev.Base + Ev.Minutes(i + 1)), Model);
        }

        ResponsivenessScore r = brand.Score(Ev.Base + Ev.Days(1), Model).Responsiveness;

        Assert.Equal(n, r.AnswerSamples);
        Assert.Equal(Ev.Minutes(medianMinutes), r.MedianAnswerMs);
        Assert.Equal(Ev.Minutes(p90Minutes), r.P90AnswerMs);
    }

    [Fact]
    public void An_answer_before_the_expectation_closes_nothing()
    {
        var brand = new AccountState("brand");
        brand.ApplyAsActor(Ev.Of("brand", "x", InteractionKind.Reply, Ev.Base), Model);
        brand.ApplyAsTarget(Ev.Of("x", "brand", InteractionKind.Mention, Ev.Base + 1), Model);

        ResponsivenessScore r = brand.Score(Ev.Base + 2, Model).Responsiveness;

        Assert.Equal(0, r.Answered);
        Assert.Equal(1, r.Open);
        Assert.Equal(0, r.AnswerSamples);
        Assert.Null(r.MedianAnswerMs);
        Assert.Null(r.ResponseRate); // nothing answered, nothing overdue
    }

    [Fact]
    public void An_answer_at_the_same_time_closes_it_with_zero_wait()
    {
        var brand = new AccountState("brand");
        brand.ApplyAsActor(Ev.Of("brand", "x", InteractionKind.DirectMessage, Ev.Base), Model);
        brand.ApplyAsTarget(Ev.Of("x", "brand", InteractionKind.DirectMessage, Ev.Base), Model);

        ResponsivenessScore r = brand.Score(Ev.Base, Model).Responsiveness;

        Assert.Equal(1, r.Answered);
        Assert.Equal(0L, r.MedianAnswerMs);
    }

    [Fact]
    public void Likes_comments_and_posts_neither_open_nor_answer()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("x", "brand", InteractionKind.Like, Ev.Base));
        world.Apply(Ev.Of("x", "brand", InteractionKind.Comment, Ev.Base));
        world.Apply(Ev.Of("x", "brand", InteractionKind.Mention, Ev.Base));
        world.Apply(Ev.Of("brand", "x", InteractionKind.Comment, Ev.Base + 1));
        world.Apply(Ev.Of("brand", "x", InteractionKind.Like, Ev.Base + 2));
        world.Apply(Ev.Post("brand", Ev.Base + 3));

        ResponsivenessScore r = world.Account("brand").Score(Ev.Base + 4, Model).Responsiveness;

        Assert.Equal(1, r.Open);
        Assert.Equal(0, r.Answered);
    }

    [Fact]
    public void Sla_boundary_is_strict()
    {
        var brand = new AccountState("brand");
        brand.ApplyAsTarget(Ev.Of("x", "brand", InteractionKind.Mention, Ev.Base), Model);

        ResponsivenessScore atSla = brand.Score(Ev.Base + Model.ResponseSlaMs, Model).Responsiveness;
        ResponsivenessScore pastSla = brand.Score(Ev.Base + Model.ResponseSlaMs + 1, Model).Responsiveness;
        ResponsivenessScore before = brand.Score(Ev.Base - 1000, Model).Responsiveness;

        Assert.Equal(0, atSla.OpenPastSla);
        Assert.Null(atSla.ResponseRate);
        Assert.Equal(1, pastSla.OpenPastSla);
        Assert.Equal(0.0, pastSla.ResponseRate);
        Assert.Equal(0, before.OpenExpectations[0].AgeMs); // opened after as-of: age 0
    }

    [Fact]
    public void In_reply_to_answers_the_named_expectation_and_its_senders_earlier_ones()
    {
        // s mentions at 0 h and 0.5 h; t mentions at 1 h; the brand replies to t at 2 h in reply to s's
        // 0.5 h mention: all three close, one sample of 2 h (from the oldest closed, s at 0 h).
        List<Interaction> events =
        [
            Ev.Of("s", "brand", InteractionKind.Mention, At(0), id: "s0"),
            Ev.Of("s", "brand", InteractionKind.Mention, At(0.5), id: "s1"),
            Ev.Of("t", "brand", InteractionKind.Mention, At(1), id: "t1"),
            Ev.Of("brand", "t", InteractionKind.Reply, At(2), id: "r", inReplyTo: "s1"),
        ];

        foreach (IEnumerable<Interaction> order in new[] { events, Enumerable.Reverse(events) })
        {
            var world = new World(Model);
            world.ApplyAll(order);
            ResponsivenessScore r = world.Account("brand").Score(At(3), Model).Responsiveness;

            Assert.Equal(3, r.Answered);
            Assert.Equal(0, r.Open);
            Assert.Equal(1, r.AnswerSamples);
            Assert.Equal(Ev.Hours(2), r.MedianAnswerMs);
        }
    }

    [Fact]
    public void A_linked_answer_applied_twice_closes_in_both_timelines_once_whatever_the_order()
    {
        // The reply to t names s's mention, so it counts in both senders' timelines. Applied twice (the
        // scoring layer does not deduplicate), the first copy closes s0 and t1 (one sample, from s0), the
        // second closes nothing: whether the reply comes before the mention it names (and waits for it)
        // or after, and whatever the order of the rest.
        Interaction reply = Ev.Of("brand", "t", InteractionKind.Reply, At(2), id: "r", inReplyTo: "s0");
        List<Interaction> events =
        [
            Ev.Of("s", "brand", InteractionKind.Mention, At(0), id: "s0"),
            Ev.Of("t", "brand", InteractionKind.Mention, At(1), id: "t1"),
            reply,
            reply,
            Ev.Of("s", "brand", InteractionKind.Mention, At(3), id: "s3"),
        ];

        ReferenceResponsiveness.Result expected = ReferenceResponsiveness.Compute(events, "brand", Model);
        Assert.Equal(2, expected.Answered);
        Assert.Equal([Ev.Hours(2)], expected.Samples);
        var random = new Random(5);
        for (int round = 0; round < 40; round++)
        {
            List<Interaction> order = round switch
            {
                0 => events,
                1 => Enumerable.Reverse(events).ToList(),
                _ => events.OrderBy(_ => random.Next()).ToList(),
            };
            var world = new World(Model);
            world.ApplyAll(order);
            ResponsivenessScore r = world.Account("brand").Score(At(4), Model).Responsiveness;

            Assert.Equal(expected.Answered, r.Answered);
            Assert.Equal(expected.Open, r.Open);
            Assert.Equal(expected.Samples.Count, r.AnswerSamples);
            Assert.Equal(Ev.Hours(2), r.MedianAnswerMs);
            Assert.Equal(["s3"], r.OpenExpectations.Select(o => o.EventId));
        }
    }

    [Fact]
    public void In_reply_to_a_later_expectation_or_on_a_dm_closes_nothing_of_that_sender()
    {
        var world = new World(Model);
        world.Apply(Ev.Of("brand", "t", InteractionKind.Reply, At(2), inReplyTo: "s-late"));
        world.Apply(Ev.Of("s", "brand", InteractionKind.Mention, At(3), id: "s-late"));
        world.Apply(Ev.Of("u", "brand", InteractionKind.Mention, At(3), id: "u1"));
        world.Apply(Ev.Of("brand", "t", InteractionKind.DirectMessage, At(4), inReplyTo: "u1"));

        ResponsivenessScore r = world.Account("brand").Score(At(5), Model).Responsiveness;

        Assert.Equal(2, r.Open);
        Assert.Equal(0, r.Answered);
        Assert.Equal(["s", "u"], r.OpenExpectations.Select(o => o.Sender).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Open_expectations_are_listed_oldest_first_and_can_be_capped()
    {
        var brand = new AccountState("brand");
        brand.ApplyAsTarget(Ev.Of("c", "brand", InteractionKind.Mention, At(5), id: "m5"), Model);
        brand.ApplyAsTarget(Ev.Of("a", "brand", InteractionKind.DirectMessage, At(1), id: "m1"), Model);
        brand.ApplyAsTarget(Ev.Of("b", "brand", InteractionKind.Mention, At(3), id: "m3b"), Model);
        brand.ApplyAsTarget(Ev.Of("a", "brand", InteractionKind.Mention, At(3), id: "m3a"), Model);

        IReadOnlyList<OpenExpectation> all = brand.Score(At(6), Model).Responsiveness.OpenExpectations;
        ResponsivenessScore capped = brand.Score(At(6), Model, maxOpenListed: 2).Responsiveness;

        Assert.Equal(["m1", "m3a", "m3b", "m5"], all.Select(o => o.EventId));
        Assert.Equal([Ev.Hours(5), Ev.Hours(3), Ev.Hours(3), Ev.Hours(1)], all.Select(o => o.AgeMs));
        Assert.Equal(["m1", "m3a"], capped.OpenExpectations.Select(o => o.EventId));
        Assert.Equal(4, capped.Open);
    }

    [Fact]
    public void Retention_drops_old_expectations_whatever_the_arrival_order()
    {
        ScoringModel model = Model with { ResponsivenessRetentionMs = Ev.Days(2) };
        Interaction old = Ev.Of("x", "brand", InteractionKind.Mention, Ev.Base, id: "old");
        Interaction late = Ev.Of("y", "brand", InteractionKind.Mention, Ev.Base + Ev.Days(1), id: "late");
        Interaction recent = Ev.Of("z", "brand", InteractionKind.Mention, Ev.Base + Ev.Days(5), id: "recent");

        var inOrder = new AccountState("brand");
        Assert.Equal(ApplyResult.Applied, inOrder.ApplyAsTarget(old, model));
        Assert.Equal(1, inOrder.OpenExpectationCount);
        inOrder.ApplyAsTarget(recent, model);
        inOrder.ApplyAsTarget(late, model); // arrives after the cutoff moved past it: ignored

        var reversed = new AccountState("brand");
        reversed.ApplyAsTarget(late, model);
        reversed.ApplyAsTarget(recent, model);
        reversed.ApplyAsTarget(old, model);

        long asOf = Ev.Base + Ev.Days(6);
        ResponsivenessScore r = inOrder.Score(asOf, model).Responsiveness;
        Assert.Equal(1, r.Open);
        Assert.Equal("recent", r.OpenExpectations[0].EventId);
        long startOfLatestDay = (Ev.Base + Ev.Days(5)) / TimeUnits.Day * TimeUnits.Day;
        Assert.Equal(startOfLatestDay - Ev.Days(2), r.RetainedFromMs);
        ScoreAssert.Equal(inOrder.Score(asOf, model), reversed.Score(asOf, model));
        Assert.Equal(3, inOrder.Score(asOf, model).ReceivedCounts[InteractionKind.Mention]); // counts keep everything
    }

    [Fact]
    public void Expectation_limit_rejects_without_changing_state()
    {
        ScoringModel model = Model with { MaxOpenExpectationsPerAccount = 3 };
        var brand = new AccountState("brand");
        brand.ApplyAsActor(Ev.Of("brand", "e", InteractionKind.Reply, Ev.Base + 10), model);
        foreach ((string sender, long t) in new[] { ("a", 1L), ("b", 2L), ("c", 3L) })
        {
            Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(Ev.Of(sender, "brand", InteractionKind.Mention, Ev.Base + t), model));
        }

        Interaction fourth = Ev.Of("d", "brand", InteractionKind.DirectMessage, Ev.Base + 11);
        AccountScore before = brand.Score(Ev.Base + 20, model);

        Assert.True(brand.WouldExceedExpectationLimit(fourth, model));
        Assert.Equal(ApplyResult.ExpectationLimitExceeded, brand.ApplyAsTarget(fourth, model));
        ScoreAssert.Equal(before, brand.Score(Ev.Base + 20, model));
        Assert.Equal(Ev.Base + 10, brand.LastEventMs);

        // A mention already answered by a later reply does not add to the open count: accepted at the limit.
        Interaction answered = Ev.Of("e", "brand", InteractionKind.Mention, Ev.Base + 5);
        Assert.False(brand.WouldExceedExpectationLimit(answered, model));
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(answered, model));
        Assert.Equal(3, brand.OpenExpectationCount);

        // Events that open nothing are never limited.
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(Ev.Of("d", "brand", InteractionKind.Like, Ev.Base + 12), model));

        // Answering one frees room.
        brand.ApplyAsActor(Ev.Of("brand", "a", InteractionKind.Reply, Ev.Base + 13), model);
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(fourth, model));
        Assert.Equal(3, brand.OpenExpectationCount);
    }

    [Fact]
    public void Expectation_limit_counts_what_the_event_itself_drops_by_retention()
    {
        ScoringModel model = Model with { MaxOpenExpectationsPerAccount = 1, ResponsivenessRetentionMs = Ev.Days(2) };
        var brand = new AccountState("brand");
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(Ev.Of("a", "brand", InteractionKind.Mention, Ev.Base), model));
        Assert.Equal(ApplyResult.ExpectationLimitExceeded, brand.ApplyAsTarget(Ev.Of("b", "brand", InteractionKind.Mention, Ev.Base + 1), model));

        // Five days later the first expectation leaves the retained range, so the new one fits.
        Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(Ev.Of("b", "brand", InteractionKind.Mention, Ev.Base + Ev.Days(5)), model));
        Assert.Equal(1, brand.OpenExpectationCount);
        Assert.Equal("b", brand.Score(Ev.Base + Ev.Days(5), model).Responsiveness.OpenExpectations[0].Sender);
    }

    [Fact]
    public void Percentiles_over_thousands_of_answers_in_any_order_are_the_nearest_ranks()
    {
        // 3,000 senders each mention the brand once and get one reply after their own delay; the
        // events arrive shuffled, so the samples are inserted (and re-derived) out of order.
        var random = new Random(5);
        var delays = new List<long>();
        var events = new List<Interaction>();
        for (int i = 0; i < 3000; i++)
        {
            long opened = Ev.Base + i * Ev.Minutes(1);
            long delay = Ev.Minutes(random.Next(1, 600)) + (i % 7 == 0 ? 0 : random.Next(0, 1000)); // many ties
            delays.Add(delay);
            string sender = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            events.Add(Ev.Of(sender, "brand", InteractionKind.Mention, opened));
            events.Add(Ev.Of("brand", sender, InteractionKind.Reply, opened + delay));
        }

        var brand = new AccountState("brand");
        foreach (var e in events.OrderBy(_ => random.Next()))
        {
            if (e.Actor == "brand")
            {
                brand.ApplyAsActor(e, Model);
            }
            else
            {
                Assert.Equal(ApplyResult.Applied, brand.ApplyAsTarget(e, Model));
            }
        }

        delays.Sort();
        ResponsivenessScore r = brand.Score(Ev.Base + Ev.Days(3), Model).Responsiveness;
        Assert.Equal(3000, r.AnswerSamples);
        Assert.Equal(3000, r.Answered);
        Assert.Equal(0, r.Open);
        Assert.Equal(delays[1500 - 1], r.MedianAnswerMs); // rank ceil(0.5 * 3000) = 1500
        Assert.Equal(delays[2700 - 1], r.P90AnswerMs);    // rank ceil(0.9 * 3000) = 2700
    }

    /// <summary>
    /// However many open expectations are asked for, the listing is the first that many of the full
    /// listing (oldest first, ties by event id, then sender), and the counts do not depend on it. Many
    /// mentions share a time, so the tie-breaks decide.
    /// </summary>
    [Fact]
    public void Listing_the_oldest_n_open_expectations_is_the_first_n_of_the_full_listing()
    {
        var random = new Random(11);
        var brand = new AccountState("brand");
        for (int i = 0; i < 400; i++)
        {
            string sender = "s" + random.Next(40);
            string id = "e" + random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            brand.ApplyAsTarget(Ev.Of(sender, "brand", InteractionKind.Mention, Ev.Base + Ev.Minutes(random.Next(6)), id: id), Model);
        }

        // As-of instants on both sides of the SLA for some of the mentions, so past-SLA counts vary.
        foreach (long asOf in new[] { Ev.Base + Ev.Hours(1), Ev.Base + Model.ResponseSlaMs + Ev.Minutes(3), Ev.Base + Ev.Days(2) })
        {
            ResponsivenessScore full = brand.Score(asOf, Model).Responsiveness;
            Assert.True(full.Open > 300);
            Assert.Equal(full.Open, full.OpenExpectations.Count);
            Assert.Equal(full.OpenExpectations.Count(o => o.AgeMs > Model.ResponseSlaMs), full.OpenPastSla);
            Assert.Equal(
                full.OpenExpectations.OrderBy(o => o.OpenedAtMs).ThenBy(o => o.EventId, StringComparer.Ordinal).ThenBy(o => o.Sender, StringComparer.Ordinal),
                full.OpenExpectations);
            foreach (int n in new[] { 0, 1, 2, 7, 50, full.Open - 1, full.Open, full.Open + 1 })
            {
                ResponsivenessScore some = brand.Score(asOf, Model, n).Responsiveness;
                Assert.Equal(full.OpenExpectations.Take(n), some.OpenExpectations);
                Assert.Equal(full.OpenExpectations.Take(n), brand.ScoreResponsiveness(asOf, Model, n).OpenExpectations);
                Assert.Equal(full.Open, some.Open);
                Assert.Equal(full.OpenPastSla, some.OpenPastSla);
                Assert.Equal(full.ResponseRate, some.ResponseRate);
            }
        }
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(1_700_000_000_000L)]
    public void An_account_never_addressed_scores_as_an_empty_tracker_with_its_cutoff(long cutoff)
    {
        var empty = new ResponsivenessTracker();
        if (cutoff != long.MinValue)
        {
            empty.RestoreCutoff(cutoff);
        }

        foreach (int listed in new[] { 0, 5 })
        {
            ResponsivenessScore expected = empty.Score(cutoff + Ev.Days(3), Model.ResponseSlaMs, listed);
            ResponsivenessScore actual = ResponsivenessTracker.ScoreOfNone(Model.ResponseSlaMs, cutoff);
            Assert.Equal(expected.SlaMs, actual.SlaMs);
            Assert.Equal((expected.Answered, expected.Open, expected.OpenPastSla, expected.AnswerSamples), (actual.Answered, actual.Open, actual.OpenPastSla, actual.AnswerSamples));
            Assert.Equal((expected.ResponseRate, expected.MedianAnswerMs, expected.P90AnswerMs), (actual.ResponseRate, actual.MedianAnswerMs, actual.P90AnswerMs));
            Assert.Empty(actual.OpenExpectations);
            Assert.Equal(expected.OpenExpectations, actual.OpenExpectations);
            Assert.Equal(expected.RetainedFromMs, actual.RetainedFromMs);
        }
    }

    [Fact]
    public void An_account_that_only_posts_and_likes_has_a_responsiveness_score_of_nothing_owed()
    {
        var poster = new AccountState("poster");
        poster.ApplyAsActor(Ev.Of("poster", "", InteractionKind.Post, Ev.Base), Model);
        poster.ApplyAsActor(Ev.Of("poster", "other", InteractionKind.Like, Ev.Base + Ev.Days(40)), Model);

        ResponsivenessScore score = poster.Score(Ev.Base + Ev.Days(41), Model).Responsiveness;

        Assert.Equal(Model.ResponseSlaMs, score.SlaMs);
        Assert.Equal(0, score.Answered + score.Open);
        Assert.Null(score.ResponseRate);
        Assert.Empty(score.OpenExpectations);
    }
}
