namespace ScoringGrid.Scoring;

/// <summary>An answer whose in_reply_to names an expectation not seen yet: its main entry is in <paramref name="Target"/>'s timeline.</summary>
internal readonly record struct PendingAnswer(string Target, long TimeMs, string EventId);
