namespace ScoringGrid.Scoring;

/// <summary>
/// One interaction, as received from a client. The model assumes it has passed
/// <see cref="InteractionValidation.Validate(in Interaction, ScoringModel, long)"/>; the state types throw <see cref="ArgumentException"/>
/// only for routing mistakes (an interaction applied to a state it does not concern).
/// </summary>
/// <param name="EventId">Idempotency key, unique per tenant (deduplication is the server's job).</param>
/// <param name="Actor">The account that acted.</param>
/// <param name="Target">The account acted upon; empty for <see cref="InteractionKind.Post"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAtMs">When it happened, milliseconds since the Unix epoch (event time decides, not arrival).</param>
/// <param name="InReplyTo">Optional event id this interaction answers (honoured for REPLY by responsiveness).</param>
/// <param name="Value">The value of a CONVERSION (finite, &gt; 0); ignored for other kinds.</param>
/// <param name="Sentiment">Optional sentiment in [-1, 1].</param>
public readonly record struct Interaction(
    string EventId,
    string Actor,
    string Target,
    InteractionKind Kind,
    long OccurredAtMs,
    string? InReplyTo,
    double Value,
    double? Sentiment);
