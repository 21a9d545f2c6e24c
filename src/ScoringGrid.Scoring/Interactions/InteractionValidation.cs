using System.Globalization;
using System.Text;

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
    /// Checks one interaction. Returns null when it is acceptable, otherwise the first broken rule:
    /// ids empty or longer than <see cref="ScoringModel.MaxIdBytes"/> UTF-8 bytes (event_id, actor,
    /// target, in_reply_to); target required except for POST, which must have none; actor equal to
    /// target; unknown or unspecified kind; occurred_at before <see cref="ScoringModel.MinOccurredAtMs"/>
    /// or more than <see cref="ScoringModel.MaxFutureSkewMs"/> after <paramref name="nowMs"/>;
    /// non-finite value; CONVERSION without a value &gt; 0; non-finite sentiment or outside [-1, 1].
    /// Allocates only when it reports an error.
    /// </summary>
    /// <param name="interaction">The interaction to check.</param>
    /// <param name="model">Supplies the limits.</param>
    /// <param name="nowMs">The server's current time (ms since the Unix epoch); the model never reads a clock.</param>
    public static (string Field, string Reason)? Validate(in Interaction interaction, ScoringModel model, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        int maxBytes = model.MaxIdBytes;

        string? reason = CheckId(interaction.EventId, maxBytes, required: true);
        if (reason is not null)
        {
            return (EventIdField, reason);
        }

        reason = CheckId(interaction.Actor, maxBytes, required: true);
        if (reason is not null)
        {
            return (ActorField, reason);
        }

        InteractionKind kind = interaction.Kind;
        if (kind == InteractionKind.Unspecified)
        {
            return (KindField, "is required (UNSPECIFIED is not a kind)");
        }

        if (!InteractionKinds.IsKnown(kind))
        {
            return (KindField, string.Create(CultureInfo.InvariantCulture, $"{(int)kind} is not a known kind"));
        }

        if (kind == InteractionKind.Post)
        {
            if (!string.IsNullOrEmpty(interaction.Target))
            {
                return (TargetField, "must be empty for POST (a broadcast has no target)");
            }
        }
        else
        {
            reason = CheckId(interaction.Target, maxBytes, required: true);
            if (reason is not null)
            {
                return (TargetField, reason);
            }

            if (string.Equals(interaction.Actor, interaction.Target, StringComparison.Ordinal))
            {
                return (TargetField, "must differ from actor");
            }
        }

        long t = interaction.OccurredAtMs;
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

        reason = CheckId(interaction.InReplyTo, maxBytes, required: false);
        if (reason is not null)
        {
            return (InReplyToField, reason);
        }

        double value = interaction.Value;
        if (!double.IsFinite(value))
        {
            return (ValueField, "must be a finite number");
        }

        if (kind == InteractionKind.Conversion && !(value > 0))
        {
            return (ValueField, "CONVERSION requires a value greater than 0");
        }

        if (interaction.Sentiment is double sentiment)
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

    private static string? CheckId(string? id, int maxBytes, bool required)
    {
        if (string.IsNullOrEmpty(id))
        {
            return required ? "is required" : null;
        }

        // Each char is 1 to 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars).
        if (id.Length > maxBytes)
        {
            return OverLong(maxBytes);
        }

        if (id.Length * 3 <= maxBytes)
        {
            return null;
        }

        return Encoding.UTF8.GetByteCount(id) > maxBytes ? OverLong(maxBytes) : null;
    }

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
