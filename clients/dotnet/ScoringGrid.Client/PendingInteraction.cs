using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>An interaction queued by <see cref="IngestBatcher.AddAsync"/>; <see cref="Outcome"/> completes when its batch is acknowledged.</summary>
public sealed class PendingInteraction
{
    private readonly TaskCompletionSource<InteractionOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PendingInteraction(Interaction interaction, object? state)
    {
        Interaction = interaction;
        State = state;
    }

    /// <summary>The interaction.</summary>
    public Interaction Interaction { get; }

    /// <summary>What the caller attached to it (e.g. the line of a file it came from).</summary>
    public object? State { get; }

    /// <summary>
    /// Completes with the outcome (accepted, duplicate or rejected with a reason) once the batch
    /// is acknowledged; fails with an <c>RpcException</c> when the stream failed for good.
    /// </summary>
    public Task<InteractionOutcome> Outcome => _outcome.Task;

    internal void Complete(InteractionOutcome outcome) => _outcome.TrySetResult(outcome);

    internal void Fail(Exception error) => _outcome.TrySetException(error);
}
