namespace ScoringGrid.Scoring;

/// <summary>An expectation opened on the account by an inbound MENTION or DIRECT_MESSAGE.</summary>
internal readonly record struct ExpectationEntry(long TimeMs, string EventId)
{
    /// <summary>Event-time order; equal times by event id (ordinal) so the order is total and deterministic.</summary>
    public static int Compare(in ExpectationEntry x, in ExpectationEntry y)
    {
        int c = x.TimeMs.CompareTo(y.TimeMs);
        return c != 0 ? c : string.CompareOrdinal(x.EventId, y.EventId);
    }
}
