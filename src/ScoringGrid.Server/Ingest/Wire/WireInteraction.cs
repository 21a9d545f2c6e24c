namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>
/// One scoringgrid.v1.Interaction as read from its wire bytes: its strings left in the payload,
/// its numbers decoded. Field absent means the proto3 default (empty, 0), as the generated type has it.
/// </summary>
public struct WireInteraction
{
    /// <summary>event_id = 1.</summary>
    public WireString EventId;

    /// <summary>actor = 2.</summary>
    public WireString Actor;

    /// <summary>target = 3.</summary>
    public WireString Target;

    /// <summary>kind = 4, as sent (an int32 enum: unknown values are kept).</summary>
    public int Kind;

    /// <summary>occurred_at = 5.</summary>
    public long OccurredAt;

    /// <summary>in_reply_to = 6.</summary>
    public WireString InReplyTo;

    /// <summary>value = 7 (optional).</summary>
    public double Value;

    /// <summary>Whether value was present.</summary>
    public bool HasValue;

    /// <summary>sentiment = 8 (optional).</summary>
    public double Sentiment;

    /// <summary>Whether sentiment was present.</summary>
    public bool HasSentiment;
}
