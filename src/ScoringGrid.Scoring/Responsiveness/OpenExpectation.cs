namespace ScoringGrid.Scoring;

/// <summary>An unanswered MENTION or DIRECT_MESSAGE.</summary>
/// <param name="Sender">Who is waiting for an answer.</param>
/// <param name="OpenedAtMs">When the expectation was opened (the inbound event's occurred_at).</param>
/// <param name="EventId">The inbound event's id.</param>
/// <param name="AgeMs">How long it has waited at as-of (0 when opened after as-of).</param>
public readonly record struct OpenExpectation(string Sender, long OpenedAtMs, string EventId, long AgeMs);
