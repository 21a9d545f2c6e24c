namespace ScoringGrid.Scoring;

/// <summary>
/// An answering event of the account (REPLY or DIRECT_MESSAGE), as it sits in one counterpart's
/// timeline. Its main entry is in the timeline of its target. When its in_reply_to names an
/// expectation from a different sender, a second entry, its link, sits in that sender's timeline.
/// The main entry holds what was closed in both, so the answer's one sample is derived from it.
/// </summary>
internal struct AnswerEntry
{
    /// <summary>No answer-time sample: the answer closed nothing.</summary>
    public const long NoSample = -1;

    /// <summary>The <see cref="LinkedOldestClosedMs"/> of a link entry.</summary>
    private const long LinkMark = long.MinValue;

    /// <summary>When it happened.</summary>
    public long TimeMs;

    /// <summary>Its event id.</summary>
    public string EventId;

    /// <summary>The in_reply_to it carried, or null.</summary>
    public string? InReplyTo;

    /// <summary>
    /// In a main entry, the counterpart of the linked timeline (null when none); in a link, the
    /// answer's target (the counterpart of the main entry's timeline).
    /// </summary>
    public string? Other;

    /// <summary>Oldest expectation this entry closes in its timeline, or <see cref="long.MaxValue"/>.</summary>
    public long OldestClosedMs;

    /// <summary>In a main entry, the oldest expectation its link closes (<see cref="long.MaxValue"/> when none).</summary>
    public long LinkedOldestClosedMs;

    /// <summary>A main entry, closing nothing yet.</summary>
    public static AnswerEntry Main(long timeMs, string eventId, string? inReplyTo, string? linkedCounterpart) => new()
    {
        TimeMs = timeMs,
        EventId = eventId,
        InReplyTo = inReplyTo,
        Other = linkedCounterpart,
        OldestClosedMs = long.MaxValue,
        LinkedOldestClosedMs = long.MaxValue,
    };

    /// <summary>A link entry of an answer to <paramref name="target"/>, closing nothing yet.</summary>
    public static AnswerEntry Link(long timeMs, string eventId, string inReplyTo, string target) => new()
    {
        TimeMs = timeMs,
        EventId = eventId,
        InReplyTo = inReplyTo,
        Other = target,
        OldestClosedMs = long.MaxValue,
        LinkedOldestClosedMs = LinkMark,
    };

    /// <summary>Whether this is a link (the answer's second entry, in the timeline named by in_reply_to).</summary>
    public readonly bool IsLink => LinkedOldestClosedMs == LinkMark;

    /// <summary>
    /// A main entry's answer time: its time minus the oldest expectation it closes in either timeline,
    /// or <see cref="NoSample"/> when it closes none.
    /// </summary>
    public readonly long Sample
    {
        get
        {
            long oldest = Math.Min(OldestClosedMs, LinkedOldestClosedMs);
            return oldest == long.MaxValue ? NoSample : TimeMs - oldest;
        }
    }

    /// <summary>Whether two entries are of the same answer's kind in a timeline: same time, event id and in_reply_to, both links or both main, same other counterpart.</summary>
    public readonly bool SameGroup(in AnswerEntry other) =>
        TimeMs == other.TimeMs
        && IsLink == other.IsLink
        && string.Equals(EventId, other.EventId, StringComparison.Ordinal)
        && string.Equals(InReplyTo, other.InReplyTo, StringComparison.Ordinal)
        && string.Equals(Other, other.Other, StringComparison.Ordinal);

    /// <summary>Event-time order; equal times by event id (ordinal).</summary>
    public static int Compare(in AnswerEntry x, in AnswerEntry y) => Compare(x, y.TimeMs, y.EventId);

    /// <summary>The order of an entry against an event (time, id).</summary>
    public static int Compare(in AnswerEntry x, long timeMs, string eventId)
    {
        int c = x.TimeMs.CompareTo(timeMs);
        return c != 0 ? c : string.CompareOrdinal(x.EventId, eventId);
    }
}
