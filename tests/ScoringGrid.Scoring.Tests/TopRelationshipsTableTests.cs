using FsCheck;
using FsCheck.Fluent;

namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// The table form (used while the lists name at most the capacity of other accounts) against the
/// sorted regions (the same lists built with no table at all): every answer must be the same,
/// before, at and after the table turns into regions.
/// </summary>
public class TopRelationshipsTableTests
{
    private static readonly IComparer<int> ById = Comparer<int>.Create((x, y) => x.CompareTo(y));

    private enum Op
    {
        Update,
        UpdateAll,
        Remove,
    }

    [Fact]
    public void The_table_answers_exactly_as_sorted_lists_under_any_operations()
    {
        Arbitrary<(int Capacity, int Lists, (Op Op, int Other, int List, int[] Keys)[] Ops)> input = Arb.From(
            from capacity in Gen.Choose(1, 12)
            from lists in Gen.Choose(1, 4)
            from ops in Gen.ArrayOf(
                from op in Gen.Frequency((4, Gen.Constant(Op.Update)), (4, Gen.Constant(Op.UpdateAll)), (1, Gen.Constant(Op.Remove)))
                from other in Gen.Choose(0, 24)
                from list in Gen.Choose(0, 3)
                from keys in Gen.ArrayOf(Gen.Choose(-3, 6), 4) // -3 stands for −∞; small range for ties
                select (op, other, list, keys))
            select (capacity, lists, ops));

        Generators.Run(input, v =>
        {
            var table = new TopRelationships<int>(v.Capacity, ById, v.Lists, tableLimit: v.Capacity);
            var regions = new TopRelationships<int>(v.Capacity, ById, v.Lists, tableLimit: 0);
            Assert.True(table.IsTable);
            Assert.False(regions.IsTable);
            var keys = new double[v.Lists];
            foreach ((Op op, int other, int rawList, int[] rawKeys) in v.Ops)
            {
                int list = rawList % v.Lists;
                for (int l = 0; l < v.Lists; l++)
                {
                    keys[l] = rawKeys[l] == -3 ? double.NegativeInfinity : rawKeys[l];
                }

                switch (op)
                {
                    case Op.Update:
                        Assert.Equal(regions.Update(other, keys[list], list), table.Update(other, keys[list], list));
                        break;
                    case Op.UpdateAll:
                        regions.UpdateAll(other, keys);
                        table.UpdateAll(other, keys);
                        break;
                    default:
                        Assert.Equal(regions.Remove(other, list), table.Remove(other, list));
                        break;
                }

                AssertSame(regions, table, v.Lists);
            }

            return true;
        }, maxTest: 400);
    }

    [Fact]
    public void The_table_turns_into_sorted_regions_when_one_more_other_account_arrives()
    {
        var top = new TopRelationships<int>(150, ById, lists: 3);
        for (int other = 0; other < 150; other++)
        {
            top.UpdateAll(other, [other, double.NegativeInfinity, -other]);
        }

        Assert.True(top.IsTable);
        Assert.Equal([150, 0, 150], new[] { top.CountOf(0), top.CountOf(1), top.CountOf(2) });
        Assert.True(top.TryGetRank(149, out int rank, 0));
        Assert.Equal(1, rank);
        Assert.True(top.TryGetRank(149, out rank, 2));
        Assert.Equal(150, rank);

        top.UpdateAll(1000, [75.5, 1, 0.5]); // the 151st other account: each list keeps its 150 best
        Assert.False(top.IsTable);
        Assert.Equal([150, 1, 150], new[] { top.CountOf(0), top.CountOf(1), top.CountOf(2) });
        Assert.Equal(Enumerable.Range(0, 150).Select(i => 149 - i).Take(74).Append(1000), top.Top(75, 0).Select(e => e.Other));
        Assert.False(top.TryGetRank(0, out _, 0)); // the weakest of list 0 was evicted
        Assert.Equal(1000, top.Top(1, 2)[0].Other); // 0.5 beats every −other
        Assert.Equal(0, top.Top(2, 2)[1].Other);
        Assert.False(top.TryGetRank(149, out _, 2)); // −149 was the weakest of list 2
    }

    [Fact]
    public void A_large_capacity_keeps_the_table_small()
    {
        var top = new TopRelationships<int>(1000, ById, lists: 2);
        for (int other = 0; other < TopRelationships<int>.MaxTableEntries; other++)
        {
            top.UpdateAll(other, [other, other]);
        }

        Assert.True(top.IsTable);
        top.UpdateAll(5000, [0.5, 0.5]);
        Assert.False(top.IsTable); // sorted regions from here on, with room for the capacity
        Assert.Equal(TopRelationships<int>.MaxTableEntries + 1, top.CountOf(0));
        Assert.True(top.TryGetRank(5000, out int rank, 1));
        Assert.Equal(TopRelationships<int>.MaxTableEntries, rank); // only 0 ranks below it
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopRelationships<int>(1000, ById, 1, tableLimit: TopRelationships<int>.MaxTableEntries + 1));
    }

    [Fact]
    public void UpdateAll_unlists_on_negative_infinity_and_refuses_bad_keys()
    {
        var top = new TopRelationships<int>(10, ById, lists: 3);
        top.UpdateAll(7, [1, 2, 3]);
        top.UpdateAll(7, [double.NegativeInfinity, 2, double.NegativeInfinity]);
        Assert.False(top.TryGetKey(7, out double key, 0));
        Assert.Equal(double.NegativeInfinity, key);
        Assert.True(top.TryGetKey(7, out key, 1));
        Assert.Equal(2, key);
        Assert.Equal([0, 1, 0], new[] { top.CountOf(0), top.CountOf(1), top.CountOf(2) });

        top.UpdateAll(7, [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity]);
        Assert.Equal(0, top.CountOf(1));
        Assert.Empty(top.Top(10, 1));

        var wrongLength = Assert.Throws<ArgumentException>(() => top.UpdateAll(1, [1, 2]));
        Assert.Equal("keys", wrongLength.ParamName);
        Assert.Contains("3 expected, 2 given", wrongLength.Message);
        var nan = Assert.Throws<ArgumentException>(() => top.UpdateAll(1, [1, double.NaN, 2]));
        Assert.Equal("keys", nan.ParamName);
        Assert.Contains("NaN", nan.Message);
        Assert.Equal(0, top.CountOf(0)); // a refused call changes nothing
    }

    [Fact]
    public void Snapshots_of_the_table_load_into_the_same_lists()
    {
        var top = new TopRelationships<int>(20, ById, lists: 3);
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            int other = random.Next(15);
            top.UpdateAll(other, [random.Next(10), random.Next(3) == 0 ? double.NegativeInfinity : random.Next(10), random.Next(10)]);
        }

        Assert.True(top.IsTable);
        var loaded = new TopRelationships<int>(20, ById, lists: 3);
        for (int list = 0; list < 3; list++)
        {
            var snapshot = top.Save(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture), list);
            loaded.Load(list, snapshot, int.Parse);
        }

        AssertSame(top, loaded, 3);
    }

    /// <summary>
    /// A listing copied into a span is the array listing of the span's length, and nothing past the
    /// entries copied is written.
    /// </summary>
    private static void AssertListedIntoSpans(TopRelationships<int> top, int list)
    {
        var marker = new RankedRelationship<int>(-1, double.NaN, -1);
        foreach (int length in (int[])[0, 1, 2, 3, top.CountOf(list), top.CountOf(list) + 2])
        {
            var destination = new RankedRelationship<int>[length + 1];
            Array.Fill(destination, marker);
            int copied = top.Top(destination.AsSpan(0, length), list);
            Assert.Equal(Math.Min(length, top.CountOf(list)), copied);
            Assert.Equal(top.Top(length, list), destination[..copied]);
            Assert.All(destination[copied..], entry => Assert.Equal(marker, entry));
        }
    }

    private static void AssertSame(TopRelationships<int> expected, TopRelationships<int> actual, int lists)
    {
        for (int list = 0; list < lists; list++)
        {
            Assert.Equal(expected.CountOf(list), actual.CountOf(list));
            Assert.Equal(expected.Top(int.MaxValue, list), actual.Top(int.MaxValue, list));
            Assert.Equal(expected.Top(1, list), actual.Top(1, list));
            Assert.Equal(expected.Top(2, list), actual.Top(2, list));
            Assert.Equal(expected.Top(3, list), actual.Top(3, list));
            AssertListedIntoSpans(expected, list);
            AssertListedIntoSpans(actual, list);
            for (int other = 0; other <= 25; other++)
            {
                Assert.Equal(expected.TryGetRank(other, out int expectedRank, list), actual.TryGetRank(other, out int actualRank, list));
                Assert.Equal(expectedRank, actualRank);
                Assert.Equal(expected.TryGetKey(other, out double expectedKey, list), actual.TryGetKey(other, out double actualKey, list));
                Assert.Equal(expectedKey, actualKey);
            }
        }
    }
}
