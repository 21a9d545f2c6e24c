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
}
