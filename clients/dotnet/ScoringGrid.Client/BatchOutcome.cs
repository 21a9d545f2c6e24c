using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>One batch sent by an <see cref="IngestBatcher"/> and its ack.</summary>
public sealed class BatchOutcome : EventArgs
{
    internal BatchOutcome(IngestRequest request, IngestResponse ack, IReadOnlyList<object?> states)
    {
        Request = request;
        Ack = ack;
        States = states;
    }

    /// <summary>The batch id.</summary>
    public string BatchId => Request.BatchId;

    /// <summary>The batch as sent.</summary>
    public IngestRequest Request { get; }

    /// <summary>The server's ack: counts of accepted and duplicate interactions, and the rejected ones with reasons.</summary>
    public IngestResponse Ack { get; }

    /// <summary>What the caller attached to each interaction of the batch (the <c>state</c> of <see cref="IngestBatcher.AddAsync"/>), by position.</summary>
    public IReadOnlyList<object?> States { get; }

    /// <summary>The rejected interactions of the batch, each with the server's reason and the state attached to it.</summary>
    public IEnumerable<(Interaction Interaction, RejectedInteraction Rejection, object? State)> Rejections =>
        Ack.Rejected.Where(r => r.Index < Request.Interactions.Count).Select(r => (Request.Interactions[(int)r.Index], r, States[(int)r.Index]));
}
