namespace ScoringGrid.Scoring.Tests;

public class ValidationTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;
    private static readonly long Now = Ev.Base;

    private static readonly Interaction Good = new("e1", "alice", "bob", InteractionKind.Like, Now, null, 0, null);

    private static (string Field, string Reason)? Check(Interaction i) => InteractionValidation.Validate(i, Model, Now);

    private static void AssertBad(Interaction i, string field)
    {
        (string Field, string Reason)? error = Check(i);
        Assert.NotNull(error);
        Assert.Equal(field, error.Value.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Value.Reason));
    }

    [Fact]
    public void Well_formed_interactions_pass()
    {
        Assert.Null(Check(Good));
        Assert.Null(Check(Good with { Kind = InteractionKind.Post, Target = "" }));
        Assert.Null(Check(Good with { Kind = InteractionKind.Conversion, Value = 0.01 }));
        Assert.Null(Check(Good with { Kind = InteractionKind.Reply, InReplyTo = "e0", Sentiment = -1 }));
        Assert.Null(Check(Good with { Sentiment = 1 }));
        Assert.Null(Check(Good with { OccurredAtMs = Model.MinOccurredAtMs }));
        Assert.Null(Check(Good with { OccurredAtMs = Now + Model.MaxFutureSkewMs }));
        Assert.Null(Check(Good with { EventId = new string('x', 256) }));
        Assert.Null(Check(Good with { InReplyTo = "" })); // empty in_reply_to means none
    }

    [Fact]
    public void Empty_event_id() => AssertBad(Good with { EventId = "" }, "event_id");

    [Fact]
    public void Over_long_event_id() => AssertBad(Good with { EventId = new string('x', 257) }, "event_id");

    [Fact]
    public void Over_long_event_id_counted_in_utf8_bytes()
    {
        // 86 × 'é' (2 bytes each) = 172 bytes: fine; 129 × 'é' = 258 bytes: too long though only 129 chars.
        Assert.Null(Check(Good with { EventId = new string('é', 86) }));
        AssertBad(Good with { EventId = new string('é', 129) }, "event_id");
        AssertBad(Good with { EventId = string.Concat(Enumerable.Repeat("\U0001F600", 65)) }, "event_id"); // 260 bytes
    }

    [Fact]
    public void Empty_actor() => AssertBad(Good with { Actor = "" }, "actor");

    [Fact]
    public void Null_actor() => AssertBad(Good with { Actor = null! }, "actor");

    [Fact]
    public void Over_long_actor() => AssertBad(Good with { Actor = new string('a', 300) }, "actor");

    [Fact]
    public void Empty_target_on_a_directed_kind() => AssertBad(Good with { Target = "" }, "target");

    [Fact]
    public void Over_long_target() => AssertBad(Good with { Target = new string('b', 257) }, "target");

    [Fact]
    public void Post_with_a_target() => AssertBad(Good with { Kind = InteractionKind.Post, Target = "bob" }, "target");

    [Fact]
    public void Actor_equal_to_target()
    {
        (string Field, string Reason)? error = Check(Good with { Target = "alice" });
        Assert.Equal("target", error!.Value.Field);
        Assert.Contains("actor", error.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unspecified_kind() => AssertBad(Good with { Kind = InteractionKind.Unspecified }, "kind");

    [Fact]
    public void Unknown_kind() => AssertBad(Good with { Kind = (InteractionKind)13 }, "kind");

    [Fact]
    public void Occurred_before_2000() => AssertBad(Good with { OccurredAtMs = Ev.Utc(2000) - 1 }, "occurred_at");

    [Fact]
    public void Occurred_too_far_in_the_future() => AssertBad(Good with { OccurredAtMs = Now + TimeUnits.Day + 1 }, "occurred_at");

    [Fact]
    public void Occurred_range_is_configurable()
    {
        ScoringModel strict = Model with { MinOccurredAtMs = Ev.Utc(2020), MaxFutureSkewMs = 0 };
        Assert.Equal("occurred_at", InteractionValidation.Validate(Good with { OccurredAtMs = Ev.Utc(2019) }, strict, Now)!.Value.Field);
        Assert.Equal("occurred_at", InteractionValidation.Validate(Good with { OccurredAtMs = Now + 1 }, strict, Now)!.Value.Field);
        Assert.Null(InteractionValidation.Validate(Good, strict, Now));
    }

    [Fact]
    public void Over_long_in_reply_to() => AssertBad(Good with { InReplyTo = new string('r', 257) }, "in_reply_to");

    [Fact]
    public void Nan_value() => AssertBad(Good with { Value = double.NaN }, "value");

    [Fact]
    public void Infinite_value() => AssertBad(Good with { Value = double.PositiveInfinity }, "value");

    [Fact]
    public void Conversion_without_a_value() => AssertBad(Good with { Kind = InteractionKind.Conversion, Value = 0 }, "value");

    [Fact]
    public void Conversion_with_a_negative_value() => AssertBad(Good with { Kind = InteractionKind.Conversion, Value = -3 }, "value");

    [Fact]
    public void Nan_sentiment() => AssertBad(Good with { Sentiment = double.NaN }, "sentiment");

    [Fact]
    public void Infinite_sentiment() => AssertBad(Good with { Sentiment = double.NegativeInfinity }, "sentiment");

    [Fact]
    public void Sentiment_above_one() => AssertBad(Good with { Sentiment = 1.0001 }, "sentiment");

    [Fact]
    public void Sentiment_below_minus_one() => AssertBad(Good with { Sentiment = -1.5 }, "sentiment");

    [Fact]
    public void Id_limit_is_configurable()
    {
        ScoringModel tight = Model with { MaxIdBytes = 4 };
        Assert.Equal("actor", InteractionValidation.Validate(Good with { Actor = "alice" }, tight, Now)!.Value.Field);
        Assert.Null(InteractionValidation.Validate(Good with { Actor = "al", Target = "bo" }, tight, Now));
    }

    [Fact]
    public void First_broken_rule_is_reported_in_field_order()
    {
        Interaction bad = Good with { EventId = "", Actor = "", Sentiment = 5 };
        Assert.Equal("event_id", Check(bad)!.Value.Field);
    }

    [Fact]
    public void Ids_in_bytes_are_measured_as_utf8()
    {
        Assert.Equal(IdMeasure.Empty, InteractionValidation.MeasureId(ReadOnlySpan<byte>.Empty, 4));
        Assert.Equal(IdMeasure.WithinLimit, InteractionValidation.MeasureId("abcd"u8, 4));
        Assert.Equal(IdMeasure.WithinLimit, InteractionValidation.MeasureId("é\U0001F600"u8.Slice(2), 4)); // the emoji alone: 4 bytes
        Assert.Equal(IdMeasure.OverLimit, InteractionValidation.MeasureId("abcde"u8, 4));
        Assert.Equal(IdMeasure.InvalidUtf8, InteractionValidation.MeasureId(new byte[] { 0x61, 0xFF }, 4));
        Assert.Equal(IdMeasure.InvalidUtf8, InteractionValidation.MeasureId(new byte[] { 0xC3 }, 4)); // a sequence cut short
        Assert.Equal(IdMeasure.InvalidUtf8, InteractionValidation.MeasureId(new byte[] { 0xED, 0xA0, 0x80 }, 4)); // an encoded surrogate
    }

    [Fact]
    public void Ids_in_strings_and_in_bytes_measure_the_same()
    {
        foreach (string id in new[] { "", "a", "abcd", "abcde", "éé", "ééé", "\U0001F600", "a\U0001F600" })
        {
            Assert.Equal(InteractionValidation.MeasureId(id, 4), InteractionValidation.MeasureId(System.Text.Encoding.UTF8.GetBytes(id), 4));
        }
    }

    [Fact]
    public void Ids_that_are_not_utf8_are_reported_with_their_field()
    {
        InteractionFacts good = Facts(Good);
        Assert.Null(InteractionValidation.Validate(good, Model, Now));
        Assert.Equal(("event_id", "is not valid UTF-8"), InteractionValidation.Validate(good with { EventId = IdMeasure.InvalidUtf8 }, Model, Now));
        Assert.Equal(("actor", "is not valid UTF-8"), InteractionValidation.Validate(good with { Actor = IdMeasure.InvalidUtf8 }, Model, Now));
        Assert.Equal(("target", "is not valid UTF-8"), InteractionValidation.Validate(good with { Target = IdMeasure.InvalidUtf8 }, Model, Now));
        Assert.Equal(("in_reply_to", "is not valid UTF-8"), InteractionValidation.Validate(good with { InReplyTo = IdMeasure.InvalidUtf8 }, Model, Now));
    }

    [Theory]
    [InlineData(268)] // 268 & 0xFF is POST: the whole number is judged, not its low byte
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Kinds_outside_the_enum_are_reported_with_their_number(int kind)
    {
        (string Field, string Reason)? error = InteractionValidation.Validate(Facts(Good) with { Kind = kind }, Model, Now);
        Assert.Equal("kind", error!.Value.Field);
        Assert.Equal($"{kind} is not a known kind", error.Value.Reason);
    }

    private static InteractionFacts Facts(Interaction i) => new(
        InteractionValidation.MeasureId(i.EventId, Model.MaxIdBytes),
        InteractionValidation.MeasureId(i.Actor, Model.MaxIdBytes),
        InteractionValidation.MeasureId(i.Target, Model.MaxIdBytes),
        i.Actor == i.Target,
        (int)i.Kind,
        i.OccurredAtMs,
        InteractionValidation.MeasureId(i.InReplyTo, Model.MaxIdBytes),
        i.Value,
        i.Sentiment);
}
