using FsCheck;
using FsCheck.Fluent;

namespace ScoringGrid.Scoring.Tests;

public class PropertyTests
{
    /// <summary>
    /// Short retention and windows so that generated histories (up to 200 days) cross them, and an
    /// UNFOLLOW weight that no sum of the other weights can cancel exactly (exact cancellation would leave
    /// only rounding noise, whose sign is order-dependent, in a reciprocity).
    /// </summary>
    private static readonly ScoringModel Short = ScoringModel.Default with
    {
        Weights = KindWeights.Default.With(InteractionKind.Unfollow, -5.123),
        ResponsivenessRetentionMs = 10 * TimeUnits.Day,
        KaushikRetentionMs = 10 * TimeUnits.Day,
        KaushikWindowMs = 5 * TimeUnits.Day,
        EngagedFollowerWindowMs = 7 * TimeUnits.Day,
        ResponseSlaMs = 6 * TimeUnits.Hour,
    };

    private static readonly ScoringModel Long = ScoringModel.Default with
    {
        Weights = KindWeights.Default.With(InteractionKind.Unfollow, -5.123),
    };

    private static long[] AsOfs(Interaction[] events)
    {
        long last = events.Length == 0 ? Ev.Base : events.Max(e => e.OccurredAtMs);
        long first = events.Length == 0 ? Ev.Base : events.Min(e => e.OccurredAtMs);
        return [last, last + TimeUnits.Hour, last + 3 * TimeUnits.Day, first + (last - first) / 2];
    }

    [Fact]
    public void All_scores_are_independent_of_arrival_order()
    {
        foreach (ScoringModel model in new[] { Short, Long })
        {
            Generators.Run(Generators.Scenarios(4, 60), scenario =>
            {
                Interaction[] events = Generators.Build(scenario, 4);
                var inOrder = new World(model);
                inOrder.ApplyAll(events);
                var shuffled = new World(model);
                shuffled.ApplyAll(Generators.Shuffled(events, scenario.Seed));
                var reversed = new World(model);
                reversed.ApplyAll(events.Reverse());

                foreach (long asOf in AsOfs(events))
                {
                    ScoreAssert.Equal(inOrder, shuffled, asOf);
                    ScoreAssert.Equal(inOrder, reversed, asOf);
                }

                return true;
            });
        }
    }

    [Fact]
    public void Responsiveness_dense_threads_are_independent_of_arrival_order()
    {
        // Two or three accounts, mostly mentions, DMs and replies, many equal times.
        Generators.Run(Generators.Scenarios(3, 80), scenario =>
        {
            Interaction[] events = Generators.Build(scenario with { StepMs = scenario.StepMs / 4 + 1 }, 3);
            var inOrder = new World(Short);
            inOrder.ApplyAll(events);
            var shuffled = new World(Short);
            shuffled.ApplyAll(Generators.Shuffled(events, scenario.Seed));

            foreach (long asOf in AsOfs(events))
            {
                ScoreAssert.Equal(inOrder, shuffled, asOf);
            }

            return true;
        }, maxTest: 300);
    }

    [Fact]
    public void Responsiveness_matches_a_from_scratch_restatement_of_the_rules()
    {
        foreach (ScoringModel model in new[] { Short, Long })
        {
            Generators.Run(Generators.Scenarios(3, 60), scenario =>
            {
                Interaction[] events = Generators.Build(scenario, 3);
                var world = new World(model);
                world.ApplyAll(Generators.Shuffled(events, scenario.Seed));

                foreach ((string id, AccountState account) in world.Accounts)
                {
                    long asOf = account.LastEventMs!.Value + TimeUnits.Hour;
                    ResponsivenessScore actual = account.Score(asOf, model).Responsiveness;
                    ReferenceResponsiveness.Result expected = ReferenceResponsiveness.Compute(events, id, model);

                    Assert.Equal(expected.Answered, actual.Answered);
                    Assert.Equal(expected.Open, actual.Open);
                    Assert.Equal(expected.Samples.Count, actual.AnswerSamples);
                    Assert.Equal(ReferenceResponsiveness.NearestRank(expected.Samples, 0.5), actual.MedianAnswerMs);
                    Assert.Equal(ReferenceResponsiveness.NearestRank(expected.Samples, 0.9), actual.P90AnswerMs);
                    Assert.Equal(
                        expected.OpenList.Select(e => (e.Sender, e.At, e.Id)),
                        actual.OpenExpectations.Select(o => (o.Sender, o.OpenedAtMs, o.EventId)));
                    long pastSla = expected.OpenList.Count(e => asOf - e.At > model.ResponseSlaMs);
                    Assert.Equal(pastSla, actual.OpenPastSla);
                    Assert.Equal(pastSla, account.Score(asOf, model, 0).Responsiveness.OpenPastSla); // counted without listing

                    // Scored alone (GetResponsiveness, ListOpenExpectations): the same figures, the oldest listed.
                    ResponsivenessScore alone = account.ScoreResponsiveness(asOf, model, 2);
                    Assert.Equal(
                        (actual.SlaMs, actual.Answered, actual.Open, actual.OpenPastSla, actual.AnswerSamples, actual.MedianAnswerMs, actual.P90AnswerMs, actual.RetainedFromMs),
                        (alone.SlaMs, alone.Answered, alone.Open, alone.OpenPastSla, alone.AnswerSamples, alone.MedianAnswerMs, alone.P90AnswerMs, alone.RetainedFromMs));
                    Assert.Equal(actual.ResponseRate, alone.ResponseRate);
                    Assert.Equal(actual.OpenExpectations.Take(2), alone.OpenExpectations);
                    foreach (int n in new[] { 1, 3, 7 })
                    {
                        Assert.Equal(actual.OpenExpectations.Take(n), account.ScoreResponsiveness(asOf, model, n).OpenExpectations);
                    }
                    double? rate = expected.Answered + pastSla == 0 ? null : (double)expected.Answered / (expected.Answered + pastSla);
                    ScoreAssert.Close(rate, actual.ResponseRate, "rate");
                }

                return true;
            });
        }
    }

    [Fact]
    public void Snapshots_restore_identical_scores_and_behaviour()
    {
        Generators.Run(Generators.Scenarios(4, 60), scenario =>
        {
            Interaction[] events = Generators.Build(scenario, 4);
            int half = events.Length / 2;
            var original = new World(Short);
            original.ApplyAll(events.Take(half));

            // Copy every state through its snapshot, then apply the rest to both.
            var copy = new World(Short);
            foreach ((string id, AccountState account) in original.Accounts)
            {
                copy.Accounts.Add(id, AccountState.Load(account.Save()));
            }

            foreach ((string key, RelationshipState pair) in original.Pairs)
            {
                copy.Pairs.Add(key, RelationshipState.Load(pair.Save()));
            }

            original.ApplyAll(events.Skip(half));
            copy.ApplyAll(events.Skip(half));

            foreach (long asOf in AsOfs(events))
            {
                ScoreAssert.Equal(original, copy, asOf);
            }

            return true;
        }, maxTest: 100);
    }

    [Fact]
    public void Reciprocity_is_symmetric_bounded_and_strength_non_negative()
    {
        Generators.Run(Generators.Scenarios(2, 40), scenario =>
        {
            Interaction[] events = Generators.Build(scenario, 2).Where(e => e.Kind != InteractionKind.Post).ToArray();
            var pair = new RelationshipState("a", "b");
            var swapped = new RelationshipState("a", "b");
            foreach (Interaction e in events)
            {
                pair.Apply(e, Long);
                swapped.Apply(e with { Actor = e.Target, Target = e.Actor }, Long);
            }

            foreach (long asOf in AsOfs(events))
            {
                RelationshipScore x = pair.Score(asOf, Long);
                RelationshipScore y = swapped.Score(asOf, Long);
                ScoreAssert.Close(x.AToB, y.BToA, "swapped a_to_b");
                ScoreAssert.Close(x.Reciprocity, y.Reciprocity, "reciprocity");
                ScoreAssert.Close(x.Strength, y.Strength, "strength");
                Assert.InRange(x.Reciprocity, 0.0, 1.0);
                Assert.True(x.Strength >= 0);
                Assert.Equal(x.Reciprocity, TieStrength.Reciprocity(x.BToA, x.AToB));
            }

            return true;
        });

        Generators.Run(
            Arb.From(Gen.Two(Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0))),
            ((double X, double Y) v) =>
            {
                double r = TieStrength.Reciprocity(v.X, v.Y);
                return r == TieStrength.Reciprocity(v.Y, v.X)
                    && r >= 0 && r <= 1
                    && TieStrength.Strength(v.X, v.Y) >= 0
                    && TieStrength.Strength(v.X, v.Y) == TieStrength.Strength(v.Y, v.X);
            },
            maxTest: 500);
    }

    [Fact]
    public void Ranking_key_order_is_strength_order_at_any_as_of()
    {
        Arbitrary<(Scenario First, Scenario Second, int OffsetHours)> input = Arb.From(
            from first in Generators.Scenarios(2, 30).Generator
            from second in Generators.Scenarios(2, 30).Generator
            from offset in Gen.Choose(-24 * 30, 24 * 400)
            select (first, second, offset));

        Generators.Run(input, v =>
        {
            // Both pairs in the same era so that their strengths are comparable numbers at as-of.
            Interaction[] first = Generators.Build(v.First, 2).Where(e => e.Kind != InteractionKind.Post).ToArray();
            Interaction[] second = Generators.Build(v.Second with { BaseYear = v.First.BaseYear }, 2)
                .Where(e => e.Kind != InteractionKind.Post)
                .Select(e => e with { Actor = e.Actor == "a" ? "a" : "c", Target = e.Target == "a" ? "a" : "c" })
                .ToArray();
            var p = new RelationshipState("a", "b");
            var q = new RelationshipState("a", "c");
            foreach (Interaction e in first)
            {
                p.Apply(e, ScoringModel.Default);
            }

            foreach (Interaction e in second)
            {
                q.Apply(e, ScoringModel.Default);
            }

            long last = first.Concat(second).Select(e => e.OccurredAtMs).DefaultIfEmpty(Ev.Base).Max();
            long asOf = last + v.OffsetHours * TimeUnits.Hour;
            double sp = p.Score(asOf, ScoringModel.Default).Strength;
            double sq = q.Score(asOf, ScoringModel.Default).Strength;
            if (sp > sq * (1 + 1e-9))
            {
                Assert.True(p.StrengthKey > q.StrengthKey, $"{sp} > {sq} but keys {p.StrengthKey} <= {q.StrengthKey}");
            }
            else if (sq > sp * (1 + 1e-9))
            {
                Assert.True(q.StrengthKey > p.StrengthKey, $"{sq} > {sp} but keys {q.StrengthKey} <= {p.StrengthKey}");
            }

            ScoreAssert.Close(sp, ForwardDecay.KeyToValue(p.StrengthKey, asOf, ScoringModel.Default.RelationshipHalfLifeMs), "key value", 1e-8);
            return true;
        }, maxTest: 300);
    }

    [Fact]
    public void Top_k_holds_the_k_best_of_a_full_sort_when_keys_only_grow()
    {
        Arbitrary<(int K, (int Id, int Increment)[] Updates)> input = Arb.From(
            from k in Gen.Choose(1, 8)
            from updates in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 20), Gen.Choose(0, 4)))
            select (k, updates));

        Generators.Run(input, v =>
        {
            var top = new TopRelationships<string>(v.K, StringComparer.Ordinal);
            var latest = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach ((int id, int increment) in v.Updates)
            {
                string other = "acct" + id;
                double key = latest.GetValueOrDefault(other) + increment;
                latest[other] = key;
                top.Update(other, key);
            }

            var expected = latest
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(v.K)
                .Select((p, i) => new RankedRelationship<string>(p.Key, p.Value, i + 1))
                .ToArray();
            Assert.Equal(expected, top.Top(v.K));
            foreach (RankedRelationship<string> entry in expected)
            {
                Assert.True(top.TryGetRank(entry.Other, out int rank) && rank == entry.Rank);
            }

            return true;
        }, maxTest: 500);
    }

    [Fact]
    public void Top_k_stays_consistent_under_any_updates_and_removals()
    {
        Arbitrary<(int K, (int Id, int Key, bool Remove)[] Ops)> input = Arb.From(
            from k in Gen.Choose(1, 6)
            from ops in Gen.ArrayOf(
                from id in Gen.Choose(0, 12)
                from key in Gen.Choose(-5, 5)
                from remove in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
                select (id, key, remove))
            select (k, ops));

        Generators.Run(input, v =>
        {
            var top = new TopRelationships<string>(v.K, StringComparer.Ordinal);
            var latest = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach ((int id, int key, bool remove) in v.Ops)
            {
                string other = "acct" + id;
                if (remove)
                {
                    top.Remove(other);
                    latest.Remove(other);
                }
                else
                {
                    top.Update(other, key);
                    latest[other] = key;
                }
            }

            RankedRelationship<string>[] listed = top.Top(int.MaxValue);
            Assert.True(listed.Length == top.Count && top.Count <= v.K);
            for (int i = 0; i < listed.Length; i++)
            {
                Assert.Equal(latest[listed[i].Other], listed[i].Key); // listed keys are the latest
                Assert.Equal(i + 1, listed[i].Rank);
                if (i > 0)
                {
                    RankedRelationship<string> prev = listed[i - 1];
                    Assert.True(prev.Key > listed[i].Key
                        || (prev.Key == listed[i].Key && string.CompareOrdinal(prev.Other, listed[i].Other) < 0));
                }
            }

            if (latest.Count <= v.K && v.Ops.All(o => !o.Remove))
            {
                Assert.Equal(latest.Count, top.Count); // nothing was ever evicted
            }

            return true;
        }, maxTest: 500);
    }
}
