using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ScoringGrid.Scoring;

/// <summary>
/// The bad-input rules for one interaction. The first rule broken is reported as the proto
/// field name (snake_case) and a human-readable reason, for an INVALID_ARGUMENT per item.
/// </summary>
public static class InteractionValidation
{
    /// <summary>Field name of <see cref="Interaction.EventId"/> in the proto.</summary>
    public const string EventIdField = "event_id";

    /// <summary>Field name of <see cref="Interaction.Actor"/> in the proto.</summary>
    public const string ActorField = "actor";

    /// <summary>Field name of <see cref="Interaction.Target"/> in the proto.</summary>
    public const string TargetField = "target";

    /// <summary>Field name of <see cref="Interaction.Kind"/> in the proto.</summary>
    public const string KindField = "kind";

    /// <summary>Field name of <see cref="Interaction.OccurredAtMs"/> in the proto.</summary>
    public const string OccurredAtField = "occurred_at";

    /// <summary>Field name of <see cref="Interaction.InReplyTo"/> in the proto.</summary>
    public const string InReplyToField = "in_reply_to";

    /// <summary>Field name of <see cref="Interaction.Value"/> in the proto.</summary>
    public const string ValueField = "value";

    /// <summary>Field name of <see cref="Interaction.Sentiment"/> in the proto.</summary>
    public const string SentimentField = "sentiment";

    /// <summary>
    /// Checks one interaction. Returns null when it is acceptable, otherwise the first broken rule
    /// (see <see cref="Validate(in InteractionFacts, ScoringModel, long)"/>). Allocates only when it
    /// reports an error.
    /// </summary>
    /// <param name="interaction">The interaction to check.</param>
    /// <param name="model">Supplies the limits.</param>
    /// <param name="nowMs">The server's current time (ms since the Unix epoch); the model never reads a clock.</param>
    public static (string Field, string Reason)? Validate(in Interaction interaction, ScoringModel model, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        int maxBytes = model.MaxIdBytes;
        var facts = new InteractionFacts(
            MeasureId(interaction.EventId, maxBytes),
            MeasureId(interaction.Actor, maxBytes),
            MeasureId(interaction.Target, maxBytes),
            string.Equals(interaction.Actor, interaction.Target, StringComparison.Ordinal),
            (int)interaction.Kind,
            interaction.OccurredAtMs,
            MeasureId(interaction.InReplyTo, maxBytes),
            interaction.Value,
            interaction.Sentiment);
        return Validate(facts, model, nowMs);
    }

    /// <summary>
    /// The rules, in the order they are checked: event_id and actor empty, not UTF-8 or longer than
    /// <see cref="ScoringModel.MaxIdBytes"/> UTF-8 bytes; kind unspecified or unknown; target
    /// required (same id rules) except for POST, which must have none; actor equal to target;
    /// occurred_at before <see cref="ScoringModel.MinOccurredAtMs"/> or more than
    /// <see cref="ScoringModel.MaxFutureSkewMs"/> after <paramref name="nowMs"/>; in_reply_to not
    /// UTF-8 or too long; non-finite value; CONVERSION without a value &gt; 0; non-finite sentiment
    /// or outside [-1, 1]. Returns null when none is broken. Allocates only when it reports an error.
    /// </summary>
    /// <param name="facts">The interaction, measured.</param>
    /// <param name="model">Supplies the limits.</param>
    /// <param name="nowMs">The server's current time (ms since the Unix epoch); the model never reads a clock.</param>
    public static (string Field, string Reason)? Validate(in InteractionFacts facts, ScoringModel model, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        int maxBytes = model.MaxIdBytes;

        string? reason = Explain(facts.EventId, maxBytes, required: true);
        if (reason is not null)
        {
            return (EventIdField, reason);
        }

        reason = Explain(facts.Actor, maxBytes, required: true);
        if (reason is not null)
        {
            return (ActorField, reason);
        }

        int kind = facts.Kind;
        if (kind == (int)InteractionKind.Unspecified)
        {
            return (KindField, "is required (UNSPECIFIED is not a kind)");
        }

        if (kind < (int)InteractionKind.View || kind > (int)InteractionKind.Post)
        {
            return (KindField, string.Create(CultureInfo.InvariantCulture, $"{kind} is not a known kind"));
        }

        if (kind == (int)InteractionKind.Post)
        {
            if (facts.Target != IdMeasure.Empty)
            {
                return (TargetField, "must be empty for POST (a broadcast has no target)");
            }
        }
        else
        {
            reason = Explain(facts.Target, maxBytes, required: true);
            if (reason is not null)
            {
                return (TargetField, reason);
            }

            if (facts.ActorIsTarget)
            {
                return (TargetField, "must differ from actor");
            }
        }

        long t = facts.OccurredAtMs;
        if (t < model.MinOccurredAtMs)
        {
            return (OccurredAtField, string.Create(CultureInfo.InvariantCulture,
                $"is before the earliest accepted time {FormatTime(model.MinOccurredAtMs)}"));
        }

        if (nowMs <= long.MaxValue - model.MaxFutureSkewMs && t > nowMs + model.MaxFutureSkewMs)
        {
            return (OccurredAtField, string.Create(CultureInfo.InvariantCulture,
                $"is {t - nowMs} ms in the future; at most {model.MaxFutureSkewMs} ms ahead of the server clock is accepted"));
        }

        reason = Explain(facts.InReplyTo, maxBytes, required: false);
        if (reason is not null)
        {
            return (InReplyToField, reason);
        }

        double value = facts.Value;
        if (!double.IsFinite(value))
        {
            return (ValueField, "must be a finite number");
        }

        if (kind == (int)InteractionKind.Conversion && !(value > 0))
        {
            return (ValueField, "CONVERSION requires a value greater than 0");
        }

        if (facts.Sentiment is double sentiment)
        {
            if (!double.IsFinite(sentiment))
            {
                return (SentimentField, "must be a finite number");
            }

            if (sentiment < -1 || sentiment > 1)
            {
                return (SentimentField, "must be between -1 and 1");
            }
        }

        return null;
    }

    /// <summary>Measures an id held as a string (null counts as empty).</summary>
    /// <param name="id">The id.</param>
    /// <param name="maxBytes">The limit in UTF-8 bytes.</param>
    public static IdMeasure MeasureId(string? id, int maxBytes)
    {
        if (string.IsNullOrEmpty(id))
        {
            return IdMeasure.Empty;
        }

        // Each char is 1 to 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars).
        if (id.Length > maxBytes)
        {
            return IdMeasure.OverLimit;
        }

        if (id.Length * 3 <= maxBytes)
        {
            return IdMeasure.WithinLimit;
        }

        return Encoding.UTF8.GetByteCount(id) > maxBytes ? IdMeasure.OverLimit : IdMeasure.WithinLimit;
    }

    /// <summary>Measures an id still in its UTF-8 bytes, as received.</summary>
    /// <param name="utf8">The id's bytes.</param>
    /// <param name="maxBytes">The limit in UTF-8 bytes.</param>
    public static IdMeasure MeasureId(ReadOnlySpan<byte> utf8, int maxBytes)
    {
        if (utf8.IsEmpty)
        {
            return IdMeasure.Empty;
        }

        if (utf8.Length > maxBytes)
        {
            return IdMeasure.OverLimit;
        }

        return Utf8.IsValid(utf8) ? IdMeasure.WithinLimit : IdMeasure.InvalidUtf8;
    }

    private static string? Explain(IdMeasure measure, int maxBytes, bool required) => measure switch
    {
        IdMeasure.Empty => required ? "is required" : null,
        IdMeasure.OverLimit => OverLong(maxBytes),
        IdMeasure.InvalidUtf8 => "is not valid UTF-8",
        _ => null,
    };

    private static string OverLong(int maxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"is longer than {maxBytes} UTF-8 bytes");

    private static string FormatTime(long ms)
    {
        if (ms < -62_135_596_800_000L || ms > 253_402_300_799_999L)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms} ms");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
