namespace ScoringGrid.Client;

/// <summary>What became of one interaction sent through an <see cref="IngestBatcher"/>.</summary>
public enum InteractionStatus
{
    /// <summary>Applied now.</summary>
    Accepted,

    /// <summary>Its <c>event_id</c> had already been accepted; not counted again.</summary>
    Duplicate,

    /// <summary>
    /// Applied now or earlier: its batch held both accepted items and duplicates, and the ack
    /// counts them without naming which were which. Either way it is counted exactly once.
    /// </summary>
    AcceptedOrDuplicate,

    /// <summary>Refused; <see cref="InteractionOutcome.Rejection"/> gives the field and reason.</summary>
    Rejected,
}
