namespace ScoringGrid.Scoring.Tests;

public class TopRelationshipsTests
{
    [Fact]
    public void Orders_by_key_then_by_id_ordinally()
    {
        var top = new TopRelationships<string>(10, StringComparer.Ordinal);
        top.Update("carol", 5);
        top.Update("bob", 7);
        top.Update("Zed", 5);   // 'Z' < 'c' ordinally
        top.Update("dave", 5);
        top.Update("amy", double.NegativeInfinity);

        Assert.Equal(["bob", "Zed", "carol", "dave", "amy"], top.Top(10).Select(e => e.Other));
        Assert.Equal([1, 2, 3, 4, 5], top.Top(10).Select(e => e.Rank));
        Assert.True(top.TryGetRank("carol", out int rank));
        Assert.Equal(3, rank);
        Assert.Equal(5, top.Count);
    }

    [Fact]
    public void Update_moves_an_entry()
    {
        var top = new TopRelationships<string>(10, StringComparer.Ordinal);
        top.Update("a", 1);
        top.Update("b", 2);
        top.Update("c", 3);

        top.Update("a", 10);
        Assert.Equal(["a", "c", "b"], top.Top(3).Select(e => e.Other));

        top.Update("a", 0); // a decrease moves it down
        Assert.Equal(["c", "b", "a"], top.Top(3).Select(e => e.Other));
        Assert.True(top.TryGetKey("a", out double key));
        Assert.Equal(0.0, key);
    }

    [Fact]
    public void Capacity_evicts_the_last_and_refuses_weaker_newcomers()
    {
        var top = new TopRelationships<string>(3, StringComparer.Ordinal);
        Assert.True(top.Update("a", 1));
        Assert.True(top.Update("b", 2));
        Assert.True(top.Update("c", 3));

        Assert.False(top.Update("d", 0.5));         // weaker than the last
        Assert.False(top.Update("aa", 1));          // same key as the last but a later id
        Assert.True(top.Update("A", 1));            // same key, earlier id: evicts "a"
        Assert.True(top.Update("e", 4));            // evicts "A"

        Assert.Equal(["e", "c", "b"], top.Top(10).Select(e => e.Other));
        Assert.False(top.TryGetRank("a", out int rank));
        Assert.Equal(0, rank);
        Assert.Equal(3, top.Count);
    }

    [Fact]
    public void Remove_frees_a_slot()
    {
        var top = new TopRelationships<string>(2, StringComparer.Ordinal);
        top.Update("a", 1);
        top.Update("b", 2);

        Assert.True(top.Remove("b"));
        Assert.False(top.Remove("b"));
        Assert.Equal(1, top.Count);
        Assert.True(top.Update("c", 0)); // room again
        Assert.Equal(["a", "c"], top.Top(5).Select(e => e.Other));
    }

    [Fact]
    public void Top_limit_and_bad_arguments()
    {
        var top = new TopRelationships<string>(ScoringModel.Default, StringComparer.Ordinal);
        for (int i = 0; i < 200; i++)
        {
            top.Update("u" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i);
        }

        Assert.Equal(150, top.Capacity);
        Assert.Equal(150, top.Count);
        Assert.Equal(["u199", "u198"], top.Top(2).Select(e => e.Other));
        Assert.Empty(top.Top(0));
        Assert.Throws<ArgumentException>(() => top.Update("x", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopRelationships<string>(0, StringComparer.Ordinal));
    }

    [Fact]
    public void Snapshot_round_trip()
    {
        var top = new TopRelationships<string>(4, StringComparer.Ordinal);
        top.Update("a", 1.5);
        top.Update("b", -2);
        top.Update("c", 8);

        TopRelationships<string> copy = TopRelationships<string>.Load(top.Save(id => id), id => id, StringComparer.Ordinal);

        Assert.Equal(top.Top(10), copy.Top(10));
        Assert.Equal(4, copy.Capacity);
    }

    [Fact]
    public void Ranks_pairs_by_their_relationship_strength_keys()
    {
        ScoringModel model = ScoringModel.Default;
        var top = new TopRelationships<string>(model, StringComparer.Ordinal);
        var pairs = new Dictionary<string, RelationshipState>();
        void Apply(Interaction i)
        {
            string other = i.Actor == "me" ? i.Target : i.Actor;
            if (!pairs.TryGetValue(other, out RelationshipState? pair))
            {
                pair = new RelationshipState("me", other);
                pairs.Add(other, pair);
            }

            pair.Apply(i, model);
            top.Update(other, pair.StrengthKey);
        }

        Apply(Ev.Of("me", "old-friend", InteractionKind.DirectMessage, Ev.Base));
        Apply(Ev.Of("old-friend", "me", InteractionKind.DirectMessage, Ev.Base));       // strength 20, 60 days before
        Apply(Ev.Of("me", "new-fan", InteractionKind.Like, Ev.Base + Ev.Days(60)));    // strength 0.5
        Apply(Ev.Of("me", "colleague", InteractionKind.Comment, Ev.Base + Ev.Days(58)));
        Apply(Ev.Of("colleague", "me", InteractionKind.Reply, Ev.Base + Ev.Days(59)));

        // At day 60 old-friend is worth 20·2^(−60/14) ≈ 1.03: below colleague, above new-fan.
        Assert.Equal(["colleague", "old-friend", "new-fan"], top.Top(3).Select(e => e.Other));
        long asOf = Ev.Base + Ev.Days(60);
        double[] strengths = top.Top(3).Select(e => pairs[e.Other].Score(asOf, model).Strength).ToArray();
        Assert.True(strengths[0] > strengths[1] && strengths[1] > strengths[2]);
    }

    [Fact]
    public void Handles_rank_like_the_ids_they_stand_for()
    {
        // Handles given in arrival order; ties must follow the ids, not the handles.
        string[] ids = ["carol", "bob", "Zed", "dave", "amy"];
        var byId = Comparer<int>.Create((x, y) => string.CompareOrdinal(ids[x], ids[y]));
        var top = new TopRelationships<int>(10, byId);
        top.Update(0, 5);
        top.Update(1, 7);
        top.Update(2, 5);
        top.Update(3, 5);
        top.Update(4, double.NegativeInfinity);

        Assert.Equal(["bob", "Zed", "carol", "dave", "amy"], top.Top(10).Select(e => ids[e.Other]));
        Assert.True(top.TryGetRank(0, out int rank));
        Assert.Equal(3, rank);
        Assert.True(top.Remove(2));
        Assert.False(top.TryGetRank(2, out _));
        Assert.Equal(["bob", "carol", "dave", "amy"], top.Top(10).Select(e => ids[e.Other]));

        TopRelationshipsSnapshot saved = top.Save(h => ids[h]);
        Assert.Equal(["bob", "carol", "dave", "amy"], saved.Others);
        var reloaded = TopRelationships<int>.Load(saved, id => Array.IndexOf(ids, id), byId);
        Assert.Equal(top.Top(10), reloaded.Top(10));
    }

    [Theory]
    // Small lists used evenly; then long lists used very unevenly, so each list's region grows
    // (several times) while the others do not, and regions move as their neighbours grow.
    [InlineData(7, 25, 1, 1, 1)]
    [InlineData(150, 400, 12, 3, 1)]
    [InlineData(40, 60, 1, 0, 20)]
    public void Lists_sharing_storage_behave_like_separate_lists(int capacity, int others, int weight0, int weight1, int weight2)
    {
        var byId = Comparer<int>.Create((x, y) => x.CompareTo(y));
        var shared = new TopRelationships<int>(capacity, byId, lists: 3);
        var separate = Enumerable.Range(0, 3).Select(_ => new TopRelationships<int>(capacity, byId)).ToArray();
        var random = new Random(42);
        int weights = weight0 + weight1 + weight2;
        for (int step = 0; step < 20_000; step++)
        {
            int pick = random.Next(weights);
            int list = pick < weight0 ? 0 : pick < weight0 + weight1 ? 1 : 2;
            int other = random.Next(others);
            if (random.Next(10) == 0)
            {
                Assert.Equal(separate[list].Remove(other), shared.Remove(other, list));
            }
            else
            {
                // Keys mostly grow (as forward-decayed keys do), sometimes drop, sometimes tie.
                double key = random.Next(10) == 0 ? random.Next(5) : step / 100 + random.Next(3);
                Assert.Equal(separate[list].Update(other, key), shared.Update(other, key, list));
            }

            if (step % 97 == 0)
            {
                for (int l = 0; l < 3; l++)
                {
                    Assert.Equal(separate[l].Top(capacity), shared.Top(capacity, l));
                    Assert.Equal(separate[l].Count, shared.CountOf(l));
                }
            }
        }

        for (int l = 0; l < 3; l++)
        {
            Assert.Equal(separate[l].Top(capacity), shared.Top(capacity, l));
            for (int other = 0; other < others; other++)
            {
                Assert.Equal(separate[l].TryGetRank(other, out int expected), shared.TryGetRank(other, out int actual, l));
                Assert.Equal(expected, actual);
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => shared.Update(1, 1, list: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopRelationships<int>(7, byId, lists: 5));
    }
}
