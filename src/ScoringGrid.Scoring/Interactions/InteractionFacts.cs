namespace ScoringGrid.Scoring;

/// <summary>
/// One interaction as the validation rules see it: its ids measured rather than read, so the same
/// rules judge an <see cref="Interaction"/> and an interaction still in its wire bytes.
/// </summary>
/// <param name="EventId">The event id, measured.</param>
/// <param name="Actor">The actor, measured.</param>
/// <param name="Target">The target, measured.</param>
/// <param name="ActorIsTarget">Whether actor and target are the same id.</param>
/// <param name="Kind">The kind as sent (any int32: unknown values are reported with their number).</param>
/// <param name="OccurredAtMs">When it happened, ms since the Unix epoch.</param>
/// <param name="InReplyTo">The in_reply_to id, measured.</param>
/// <param name="Value">The value (0 when absent).</param>
/// <param name="Sentiment">The sentiment, when present.</param>
public readonly record struct InteractionFacts(
    IdMeasure EventId,
    IdMeasure Actor,
    IdMeasure Target,
    bool ActorIsTarget,
    int Kind,
    long OccurredAtMs,
    IdMeasure InReplyTo,
    double Value,
    double? Sentiment);
