using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// An account's binary stored form (<see cref="AccountState.Write"/>, <see cref="AccountState.Read"/>):
/// it keeps what a snapshot keeps, restores the same scores and behaviour, shares pooled id strings,
/// and reads damaged bytes only as <see cref="InvalidDataException"/>.
/// </summary>
public sealed class AccountEncodingTests
{
    private static readonly ScoringModel Short = ScoringModel.Default with
    {
        ResponsivenessRetentionMs = 10 * TimeUnits.Day,
        KaushikRetentionMs = 10 * TimeUnits.Day,
        KaushikWindowMs = 5 * TimeUnits.Day,
        EngagedFollowerWindowMs = 7 * TimeUnits.Day,
        ResponseSlaMs = 6 * TimeUnits.Hour,
    };

    private static readonly JsonSerializerOptions SnapshotJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static byte[] Encode(AccountState state)
    {
        var writer = new StateWriter();
        state.Write(writer);
        return writer.ToArray();
    }

    private static AccountState Decode(byte[] bytes, IAccountIdPool? ids = null)
    {
        var reader = new StateReader(bytes);
        AccountState state = AccountState.Read(ref reader, ids);
        reader.ExpectEnd("the test's state");
        return state;
    }

    private static string SnapshotOf(AccountState state) => JsonSerializer.Serialize(state.Save(), SnapshotJson);

    [Fact]
    public void The_binary_form_keeps_what_a_snapshot_keeps_and_restores_the_same_behaviour()
    {
        Generators.Run(Generators.Scenarios(4, 60), scenario =>
        {
            Interaction[] events = Generators.Build(scenario, 4);
            int half = events.Length / 2;
            var original = new World(Short);
            original.ApplyAll(Generators.Shuffled(events.Take(half).ToArray(), scenario.Seed));

            var copy = new World(Short);
            foreach ((string id, AccountState account) in original.Accounts)
            {
                AccountState read = Decode(Encode(account));
                Assert.Equal(SnapshotOf(account), SnapshotOf(read));
                copy.Accounts.Add(id, read);
            }

            foreach ((string key, RelationshipState pair) in original.Pairs)
            {
                copy.Pairs.Add(key, RelationshipState.Load(pair.Save()));
            }

            original.ApplyAll(events.Skip(half));
            copy.ApplyAll(events.Skip(half));
            long last = events.Length == 0 ? Ev.Base : events.Max(e => e.OccurredAtMs);
            foreach (long at in new[] { last, last + TimeUnits.Hour, last + (3 * TimeUnits.Day) })
            {
                ScoreAssert.Equal(original, copy, at);
            }

            foreach (AccountState account in original.Accounts.Values)
            {
                Assert.Equal(SnapshotOf(account), SnapshotOf(copy.Accounts[account.AccountId]));
            }

            return true;
        }, maxTest: 200);
    }

    [Fact]
    public void A_busy_account_round_trips_with_values_that_are_not_finite_and_ids_that_are_not_well_formed()
    {
        const long T0 = 1_700_000_000_000;
        var brand = new AccountState("brand-\u00e9\u4e2d");
        string lone = "fan-\ud800"; // a lone surrogate: not UTF-8 expressible
        for (int i = 0; i < 300; i++)
        {
            string fan = i % 50 == 0 ? lone : $"user-{i % 40}";
            long t = T0 + (i * 3_600_000L);
            var kind = (i % 6) switch
            {
                0 => InteractionKind.Mention,
                1 => InteractionKind.Follow,
                2 => InteractionKind.Conversion,
                3 => InteractionKind.DirectMessage,
                4 => InteractionKind.Unfollow,
                _ => InteractionKind.Like,
            };
            brand.ApplyAsTarget(new Interaction($"e{i}", fan, brand.AccountId, kind, t, null, kind == InteractionKind.Conversion ? double.MaxValue : 0, null), Short);
            if (i % 4 == 0)
            {
                brand.ApplyAsActor(new Interaction($"r{i}", brand.AccountId, $"user-{(i + 7) % 40}", InteractionKind.Reply, t + 60_000, $"e{i - (i % 6)}", 0, null), Short);
            }

            if (i % 9 == 0)
            {
                brand.ApplyAsActor(new Interaction($"p{i}", brand.AccountId, "", InteractionKind.Post, t, null, 0, null), Short);
            }
        }

        AccountScore before = brand.Score(T0 + (400 * 3_600_000L), Short);
        Assert.Equal(double.PositiveInfinity, before.ConversionValueReceived);
        byte[] bytes = Encode(brand);
        AccountState read = Decode(bytes);
        Assert.Equal(SnapshotOf(brand), SnapshotOf(read));
        Assert.Contains(read.Save().Fans, f => f.Account == lone);
        ScoreAssert.Equal(before, read.Score(T0 + (400 * 3_600_000L), Short));
        Assert.True(bytes.Length < JsonSerializer.SerializeToUtf8Bytes(brand.Save(), SnapshotJson).Length / 2, $"{bytes.Length} bytes");
    }

    [Fact]
    public void An_empty_account_round_trips()
    {
        var empty = new AccountState("quiet");
        AccountState read = Decode(Encode(empty));
        Assert.Equal("quiet", read.AccountId);
        Assert.Equal(SnapshotOf(empty), SnapshotOf(read));
    }

    [Fact]
    public void Ids_read_through_a_pool_are_the_pool_strings()
    {
        var world = new World(Short);
        world.ApplyAll(Generators.Build(new Scenario(
            [new RawEvent(0, 1, (int)InteractionKind.Mention, 1, -1, -1, 1), new RawEvent(1, 3, (int)InteractionKind.Reply, 2, -1, -1, 1), new RawEvent(2, 2, (int)InteractionKind.Follow, 3, -1, -1, 1)],
            TimeUnits.Hour, 1, 2024), 4));
        var pool = new CountingPool();
        foreach (AccountState account in world.Accounts.Values)
        {
            AccountState read = Decode(Encode(account), pool);
            Assert.Same(pool.Strings[account.AccountId], read.AccountId);
            foreach (FanSnapshot fan in read.Save().Fans)
            {
                Assert.Same(pool.Strings[fan.Account], fan.Account);
            }

            foreach (ExpectationSnapshot e in read.Save().Expectations)
            {
                Assert.Same(pool.Strings[e.Sender], e.Sender);
            }
        }

        Assert.True(pool.Calls >= 4, $"{pool.Calls} ids interned");
    }

    [Fact]
    public void Damaged_or_cut_bytes_fail_as_invalid_data_and_never_otherwise()
    {
        var world = new World(Short);
        var random = new Random(7);
        var raw = new RawEvent[120];
        for (int i = 0; i < raw.Length; i++)
        {
            int kind = i % 3 == 0 ? (int)InteractionKind.Mention : i % 3 == 1 ? (int)InteractionKind.Reply : 1 + random.Next(12);
            raw[i] = new RawEvent(random.Next(4), 1 + random.Next(3), kind, random.Next(200), random.Next(3) == 0 ? random.Next(10_000) : -1, random.Next(-1, 5), 1 + random.Next(100));
        }

        world.ApplyAll(Generators.Build(new Scenario(raw, TimeUnits.Hour, 1, 2024), 4));
        AccountState account = world.Accounts.Values.OrderByDescending(a => Encode(a).Length).FirstOrDefault() ?? new AccountState("a");
        byte[] bytes = Encode(account);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var ex = Assert.Throws<InvalidDataException>(() => Decode(bytes[..cut]));
            Assert.Contains("stored record", ex.Message, StringComparison.Ordinal);
        }

        int failed = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                Decode(damaged).Score(Ev.Base, Short);
            }
            catch (InvalidDataException)
            {
                failed++;
            }
        }

        Assert.True(failed > 0, "no damage was found");
    }

    [Fact]
    public void A_record_of_another_version_is_refused_by_name()
    {
        byte[] bytes = Encode(new AccountState("a"));
        bytes[0] = 9;
        var ex = Assert.Throws<InvalidDataException>(() => Decode(bytes));
        Assert.Contains("format 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_and_reader_agree_on_every_primitive()
    {
        var writer = StateWriter.Rent();
        long[] ints = [0, 1, -1, 63, -64, 64, long.MaxValue, long.MinValue, 1_700_000_000_000, -1_700_000_000_000];
        ulong[] uints = [0, 127, 128, 16_383, 16_384, ulong.MaxValue];
        double[] doubles = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1.5e300];
        string[] strings = ["", "a", new string('x', 200), "\u00e9\u4e2d\ud83d\ude00", "\udc00 lone", new string('\u4e2d', 600)];
        foreach (long v in ints)
        {
            writer.WriteInt(v);
        }

        foreach (ulong v in uints)
        {
            writer.WriteUInt(v);
        }

        foreach (double v in doubles)
        {
            writer.WriteDouble(v);
        }

        foreach (string v in strings)
        {
            writer.WriteString(v);
            writer.WriteOptionalString(v);
        }

        writer.WriteOptionalString(null);
        byte[] bytes = writer.ToArray();
        StateWriter.Return(writer);

        var reader = new StateReader(bytes);
        foreach (long v in ints)
        {
            Assert.Equal(v, reader.ReadInt("int"));
        }

        foreach (ulong v in uints)
        {
            Assert.Equal(v, reader.ReadUInt("uint"));
        }

        foreach (double v in doubles)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(reader.ReadDouble("double")));
        }

        Span<char> small = stackalloc char[16];
        foreach (string v in strings)
        {
            Assert.Equal(v, reader.ReadString("string"));
            Assert.Equal(v, reader.ReadOptionalString("optional"));
        }

        Assert.Null(reader.ReadOptionalString("null"));
        reader.ExpectEnd("the primitives");

        // Characters read into a buffer, or as a whole string when it is too short.
        var again = StateWriter.Rent();
        again.WriteString("short");
        again.WriteString(new string('y', 40));
        byte[] two = again.ToArray();
        StateWriter.Return(again);
        var charReader = new StateReader(two);
        int n = charReader.ReadChars("short", small, out string? whole);
        Assert.Null(whole);
        Assert.Equal("short", small[..n].ToString());
        Assert.Equal(0, charReader.ReadChars("long", small, out whole));
        Assert.Equal(new string('y', 40), whole);
    }

    /// <summary>
    /// Strings written where the buffer must grow: at every position around the first buffer's end,
    /// strings of every short length, ASCII and not, read back whole.
    /// </summary>
    [Fact]
    public void Strings_written_across_a_growth_of_the_buffer_read_back_whole()
    {
        string[] strings = ["", "a", "ab", "abc", "\u00e9", "\u4e2d\u4e2d", new string('z', 30), new string('\u00e9', 25), "x\ud800"];
        for (int fill = 4060; fill <= 4100; fill++)
        {
            foreach (string text in strings)
            {
                var writer = new StateWriter();
                for (int i = 0; i < fill; i++)
                {
                    writer.WriteByte((byte)i);
                }

                writer.WriteString(text);
                writer.WriteString(text);
                writer.WriteInt(-fill);
                byte[] bytes = writer.ToArray();

                var reader = new StateReader(bytes);
                for (int i = 0; i < fill; i++)
                {
                    Assert.Equal((byte)i, reader.ReadByte("filler"));
                }

                Assert.Equal(text, reader.ReadString("first"));
                Assert.Equal(text, reader.ReadString("second"));
                Assert.Equal(-fill, reader.ReadInt("end"));
                reader.ExpectEnd("the buffer");
            }
        }
    }

    private static int ReadCountOf(byte[] bytes, int minBytesEach)
    {
        var reader = new StateReader(bytes);
        return reader.ReadCount("items", minBytesEach);
    }

    [Fact]
    public void A_count_the_bytes_left_cannot_hold_is_damage()
    {
        var writer = new StateWriter();
        writer.WriteUInt(1_000_000);
        writer.WriteByte(0);
        var ex = Assert.Throws<InvalidDataException>(() => ReadCountOf(writer.ToArray(), 2));
        Assert.Contains("items", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CountingPool : IAccountIdPool
    {
        public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);

        public int Calls { get; private set; }

        public string Intern(ReadOnlySpan<char> id)
        {
            Calls++;
            string key = id.ToString();
            if (!Strings.TryGetValue(key, out string? kept))
            {
                Strings.Add(key, kept = new string(id));
            }

            return kept;
        }
    }
}
