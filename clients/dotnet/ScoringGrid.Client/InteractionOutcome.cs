using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>The outcome of one interaction added to an <see cref="IngestBatcher"/>, known once its batch is acknowledged.</summary>
public sealed class InteractionOutcome
{
    internal InteractionOutcome(Interaction interaction, InteractionStatus status, RejectedInteraction? rejection, BatchOutcome batch)
    {
        Interaction = interaction;
        Status = status;
        Rejection = rejection;
        Batch = batch;
    }

    /// <summary>The interaction as added.</summary>
    public Interaction Interaction { get; }

    /// <summary>Accepted, duplicate or rejected.</summary>
    public InteractionStatus Status { get; }

    /// <summary>Why the server refused it (field, reason, status code); null unless <see cref="Status"/> is <see cref="InteractionStatus.Rejected"/>.</summary>
    public RejectedInteraction? Rejection { get; }

    /// <summary>The batch it was sent in.</summary>
    public BatchOutcome Batch { get; }

    /// <summary>Whether the server refused it.</summary>
    public bool IsRejected => Status == InteractionStatus.Rejected;
}
