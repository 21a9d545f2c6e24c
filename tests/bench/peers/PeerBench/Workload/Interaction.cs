namespace ScoringGrid.Bench.Peers.Workload;

/// <summary>One interaction of a workload file (a scoringgrid.v1.Interaction).</summary>
/// <param name="EventId">Idempotency key.</param>
/// <param name="Actor">The account that acted.</param>
/// <param name="Target">The account acted upon; empty for POST.</param>
/// <param name="Kind">Kind number (scoringgrid.v1.InteractionKind).</param>
/// <param name="OccurredAtMs">Event time, ms since the Unix epoch.</param>
/// <param name="InReplyTo">The event answered, or empty.</param>
/// <param name="Value">Conversion value, when given.</param>
/// <param name="Sentiment">Sentiment in [-1, 1], when given.</param>
public sealed record Interaction(
    string EventId,
    string Actor,
    string Target,
    byte Kind,
    long OccurredAtMs,
    string InReplyTo = "",
    double? Value = null,
    double? Sentiment = null);
