namespace ScoringGrid.Scoring;

/// <summary>
/// An answering event by the account (REPLY or DIRECT_MESSAGE to <see cref="Target"/>). It belongs to the
/// timeline of its target and, when its in_reply_to names an expectation from a different sender, also to
/// that sender's timeline (<see cref="LinkedTimeline"/>). Its answer time is measured once, from the oldest
/// expectation it closes in either.
/// </summary>
internal sealed class AnswerRecord
{
    public const long NoSample = -1;

    public AnswerRecord(long timeMs, string eventId, string target, string? inReplyTo)
    {
        TimeMs = timeMs;
        EventId = eventId;
        Target = target;
        InReplyTo = inReplyTo;
    }

    public long TimeMs { get; }

    public string EventId { get; }

    public string Target { get; }

    public string? InReplyTo { get; }

    /// <summary>The timeline of the sender named through in_reply_to, when it differs from the target's.</summary>
    public CounterpartTimeline? LinkedTimeline { get; set; }

    /// <summary>Oldest expectation closed in the target's timeline, or <see cref="long.MaxValue"/>.</summary>
    public long OwnOldestClosedMs { get; set; } = long.MaxValue;

    /// <summary>Oldest expectation closed in the linked timeline, or <see cref="long.MaxValue"/>.</summary>
    public long LinkedOldestClosedMs { get; set; } = long.MaxValue;

    /// <summary>The answer time currently counted in the samples, or <see cref="NoSample"/>.</summary>
    public long Sample { get; set; } = NoSample;

    /// <summary>Next answer waiting for the same in_reply_to expectation to arrive.</summary>
    public AnswerRecord? NextPending { get; set; }

    /// <summary>Event-time order; equal times by event id (ordinal).</summary>
    public static int Compare(AnswerRecord x, AnswerRecord y)
    {
        int c = x.TimeMs.CompareTo(y.TimeMs);
        return c != 0 ? c : string.CompareOrdinal(x.EventId, y.EventId);
    }
}
