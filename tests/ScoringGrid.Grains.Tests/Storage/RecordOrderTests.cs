using ScoringGrid.Grains.Storage.Sqlite;

namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>
/// The order SQLite checkpoints are written in: held to a sort by the primary key's ordinal
/// comparison, over keys that share long prefixes, end early, hold NUL and surrogates.
/// </summary>
public sealed class RecordOrderTests
{
    private static readonly string[] Alphabet = ["a", "b", "z", "0", "9", "|", "\0", "\u00e9", "\u4e2d", "\ud83d\ude00", "\uffff"];

    /// <summary>The table's primary key order, stated plainly: state name, grain type, grain key, each ordinal.</summary>
    private static int PrimaryKeyOrder(GrainRecordWrite x, GrainRecordWrite y)
    {
        var c = string.CompareOrdinal(x.StateName, y.StateName);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.GrainId.Type, y.GrainId.Type);
        }

        return c != 0 ? c : string.CompareOrdinal(x.GrainId.Key, y.GrainId.Key);
    }

    private static GrainRecordWrite Record(string state, string type, string key) => new(state, new GrainId(type, key), [1], null, 1);

    private static string Key(Random random, string prefix)
    {
        var length = random.Next(0, 14);
        var text = prefix;
        for (var i = 0; i < length; i++)
        {
            text += Alphabet[random.Next(Alphabet.Length)];
        }

        return text;
    }

    [Fact]
    public void The_order_is_the_primary_keys_ordinal_order()
    {
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var prefix = random.Next(3) switch { 0 => "", 1 => "5:bench", _ => "7:tenant1/rel/" };
            var states = new[] { "AccountGrainState", "RelationshipRecord", "A" };
            var types = new[] { "account", "relationship", "acc" };
            var records = new List<GrainRecordWrite>();
            var identities = new HashSet<(string, string, string)>();
            var count = random.Next(0, 300);
            while (records.Count < count)
            {
                var identity = (states[random.Next(states.Length)], types[random.Next(types.Length)], Key(random, prefix));
                if (identities.Add(identity))
                {
                    records.Add(Record(identity.Item1, identity.Item2, identity.Item3));
                }
            }

            var order = RecordOrder.Of(records);
            var expected = Enumerable.Range(0, records.Count).ToArray();
            Array.Sort(expected, (x, y) => PrimaryKeyOrder(records[x], records[y]));
            Assert.Equal(expected.Select(i => records[i]), order.Select(i => records[i]));
        }
    }

    [Fact]
    public void A_record_named_twice_is_refused_by_name()
    {
        var records = new[]
        {
            Record("S", "relationship", "5:bench|u1|u2"),
            Record("S", "account", "5:bench|u1"),
            Record("S", "relationship", "5:bench|u1|u2"),
        };

        var ex = Assert.Throws<ArgumentException>(() => RecordOrder.Of(records));
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5:bench|u1|u2", ex.Message, StringComparison.Ordinal);

        // The same key under another state or type is another record.
        Assert.Equal(3, RecordOrder.Of([Record("S", "t", "k"), Record("T", "t", "k"), Record("S", "u", "k")]).Length);
    }
}
