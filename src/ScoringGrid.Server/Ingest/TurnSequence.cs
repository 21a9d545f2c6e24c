namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Turns taken strictly in ticket order: ticket n's turn starts when ticket n − 1's has ended.
/// Ingest takes a ticket per batch as it arrives and uses two of these — one around the log
/// append, one around handing the batch to its first phase — so batches are logged in the order
/// they arrived and applied in the order they were logged, whatever order their activations and
/// fsyncs complete in. Recovery, which replays the log in order, then reaches the same state the
/// live server answered from (which of two batches holding the same event id counted it, above all).
/// </summary>
internal sealed class TurnSequence
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TaskCompletionSource> _waiting = new();
    private long _turn;

    /// <summary>Completes when it is <paramref name="ticket"/>'s turn.</summary>
    public Task WaitAsync(long ticket)
    {
        lock (_lock)
        {
            if (ticket == _turn)
            {
                return Task.CompletedTask;
            }

            if (ticket < _turn)
            {
                throw new InvalidOperationException($"Ticket {ticket} has had its turn (the turn is {_turn}).");
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add(ticket, waiter);
            return waiter.Task;
        }
    }

    /// <summary>Ends <paramref name="ticket"/>'s turn (it must be the current one); the next ticket's starts.</summary>
    public void End(long ticket)
    {
        TaskCompletionSource? next;
        lock (_lock)
        {
            if (ticket != _turn)
            {
                throw new InvalidOperationException($"Ticket {ticket} ended out of turn (the turn is {_turn}).");
            }

            _turn++;
            _waiting.Remove(_turn, out next);
        }

        next?.TrySetResult();
    }

    /// <summary>Waits for <paramref name="ticket"/>'s turn and ends it at once: for a batch that gave up before its turn.</summary>
    public async Task PassAsync(long ticket)
    {
        await WaitAsync(ticket).ConfigureAwait(false);
        End(ticket);
    }
}
