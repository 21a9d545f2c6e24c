using System.Text;
using Google.Protobuf;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Tests.Ingest.Wire;

/// <summary>Random requests, hand-made wire bytes, and the comparison of a wire request with the generated type's parse.</summary>
internal static class WireRequests
{
    private static readonly string[] Ids = ["", "a", "brand-7", "é日本", "😀", "x\u0000y"];

    private static readonly string[] Pieces = ["a", "b", "z9", "é", "ß", "日本", "😀", "-", "_", " ", "\u0000", "brand"];

    /// <summary>A request of up to 12 interactions with every field sometimes set, sometimes not.</summary>
    public static IngestRequest Random(int seed)
    {
        var random = new System.Random(seed);
        var request = new IngestRequest();
        if (random.Next(2) == 0)
        {
            request.BatchId = Text(random);
        }

        var count = random.Next(13);
        for (var i = 0; i < count; i++)
        {
            var item = new Interaction();
            if (random.Next(5) > 0) item.EventId = Text(random);
            if (random.Next(5) > 0) item.Actor = Text(random);
            if (random.Next(5) > 0) item.Target = Text(random);
            if (random.Next(5) > 0) item.Kind = (InteractionKind)(random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(14));
            if (random.Next(5) > 0) item.OccurredAt = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(0, 2_000_000_000_000);
            if (random.Next(5) > 0) item.InReplyTo = Text(random);
            if (random.Next(2) == 0) item.Value = random.Next(4) == 0 ? double.NaN : random.NextDouble() * 100;
            if (random.Next(2) == 0) item.Sentiment = random.NextDouble() * 2 - 1;
            request.Interactions.Add(item);
        }

        return request;
    }

    /// <summary>Fails unless the wire request reads exactly as the generated type does.</summary>
    public static void AssertSame(IngestRequest expected, IngestWireRequest actual)
    {
        Assert.Equal(expected.BatchId, actual.BatchId);
        Assert.Equal(expected.Interactions.Count, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            var e = expected.Interactions[i];
            ref readonly var a = ref actual[i];
            Assert.Equal(e.EventId, actual.String(a.EventId));
            Assert.Equal(e.Actor, actual.String(a.Actor));
            Assert.Equal(e.Target, actual.String(a.Target));
            Assert.Equal((int)e.Kind, a.Kind);
            Assert.Equal(e.OccurredAt, a.OccurredAt);
            Assert.Equal(e.InReplyTo, actual.String(a.InReplyTo));
            Assert.Equal(e.HasValue, a.HasValue);
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Value), BitConverter.DoubleToInt64Bits(a.Value));
            Assert.Equal(e.HasSentiment, a.HasSentiment);
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Sentiment), BitConverter.DoubleToInt64Bits(a.Sentiment));
        }
    }

    /// <summary>A tag's bytes.</summary>
    public static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    /// <summary>A varint's bytes.</summary>
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>A length-delimited field.</summary>
    public static byte[] Field(int field, byte[] body) => [.. Tag(field, 2), .. Varint((ulong)body.Length), .. body];

    /// <summary>A string field.</summary>
    public static byte[] Field(int field, string text) => Field(field, Encoding.UTF8.GetBytes(text));

    /// <summary>A request whose only field is one interaction of these bytes.</summary>
    public static byte[] OneInteraction(params byte[][] fields) => Field(2, fields.SelectMany(f => f).ToArray());

    /// <summary>One to three changes: a byte replaced, removed or inserted, or the end cut off.</summary>
    public static byte[] Damage(byte[] bytes, System.Random random)
    {
        var damaged = new List<byte>(bytes);
        var changes = random.Next(1, 4);
        for (var c = 0; c < changes; c++)
        {
            var at = random.Next(damaged.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < damaged.Count:
                    damaged[at] = (byte)random.Next(256);
                    break;
                case 1 when at < damaged.Count:
                    damaged.RemoveAt(at);
                    break;
                case 2:
                    damaged.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    damaged.RemoveRange(at, damaged.Count - at);
                    break;
            }
        }

        return [.. damaged];
    }

    private static string Text(System.Random random)
    {
        var builder = new StringBuilder();
        var pieces = random.Next(1, 5);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>An account id as UTF-8: empty, ASCII, other scripts, a surrogate pair, a NUL, or bytes that are not UTF-8.</summary>
    public static byte[] RandomId(System.Random random) =>
        random.Next(8) == 0 ? [0x61, 0xFF, 0xC3] : Encoding.UTF8.GetBytes(Ids[random.Next(Ids.Length)]);

    /// <summary>
    /// A message of an id (field 1) and varints (fields 2 to <paramref name="lastVarintField"/>) in any
    /// order and number (fewer than <paramref name="maxFields"/>), each sometimes with another wire type,
    /// varints of any width, and unknown fields numbered past them.
    /// </summary>
    public static byte[] RandomIdAndVarints(System.Random random, int lastVarintField, int maxFields)
    {
        var bytes = new List<byte>();
        var fields = random.Next(maxFields);
        for (var i = 0; i < fields; i++)
        {
            var field = random.Next(1, lastVarintField + 2);
            if (field == 1)
            {
                bytes.AddRange(random.Next(6) == 0 ? [.. Tag(1, 0), .. Varint(5)] : Field(1, RandomId(random)));
            }
            else if (field <= lastVarintField)
            {
                bytes.AddRange(random.Next(6) == 0 ? Field(field, "another wire type") : [.. Tag(field, 0), .. Varint(RandomVarint(random))]);
            }
            else
            {
                bytes.AddRange(UnknownField(random, lastVarintField + 1));
            }
        }

        return [.. bytes];
    }

    /// <summary>A varint of any width: small, past one byte, negative (ten bytes), or a time in ms, sometimes past 32 bits.</summary>
    public static ulong RandomVarint(System.Random random) => random.Next(4) switch
    {
        0 => (ulong)random.Next(8),
        1 => (ulong)random.Next(2_000),
        2 => unchecked((ulong)random.NextInt64(long.MinValue, 0)),
        _ => (ulong)random.NextInt64(0, 4_102_444_800_000) | ((ulong)random.Next(2) << 33),
    };

    /// <summary>A field numbered from <paramref name="lowest"/> up (unknown to the message), of any wire type, a group included.</summary>
    public static byte[] UnknownField(System.Random random, int lowest)
    {
        var field = random.Next(lowest, 40);
        return random.Next(5) switch
        {
            0 => [.. Tag(field, 0), .. Varint((ulong)random.NextInt64())],
            1 => [.. Tag(field, 1), .. new byte[8]],
            2 => [.. Tag(field, 5), .. new byte[4]],
            3 => [.. Tag(field, 3), .. Tag(field + 1, 0), .. Varint(3), .. Tag(field, 4)],
            _ => Field(field, "unknown"),
        };
    }
}
