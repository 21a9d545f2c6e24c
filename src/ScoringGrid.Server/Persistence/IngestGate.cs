namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Admission of changes (ingest batches, account upserts) against checkpoints. Changes enter
/// and leave concurrently; a checkpoint closes the gate, waits until no change is in flight,
/// captures a consistent cut of every grain, and opens the gate again.
/// </summary>
public sealed class IngestGate
{
    private readonly object _lock = new();
    private int _active;
    private TaskCompletionSource? _opened;
    private TaskCompletionSource? _drained;

    /// <summary>Changes in flight.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Waits while the gate is closed, then counts one change in; dispose the result to leave.</summary>
    public async ValueTask<Pass> EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_opened is null)
                {
                    _active++;
                    return new Pass(this);
                }

                wait = _opened.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the gate and waits until every change in flight has left.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_lock)
        {
            if (_opened is not null)
            {
                throw new InvalidOperationException("The gate is already closed.");
            }

            _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_active == 0)
            {
                _drained.TrySetResult();
            }

            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Open();
            throw;
        }
    }

    /// <summary>Opens the gate.</summary>
    public void Open()
    {
        TaskCompletionSource? opened;
        lock (_lock)
        {
            opened = _opened;
            _opened = null;
            _drained = null;
        }

        opened?.TrySetResult();
    }

    private void Leave()
    {
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            if (--_active == 0)
            {
                drained = _drained;
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>One change's passage through the gate.</summary>
    public readonly struct Pass : IDisposable
    {
        private readonly IngestGate? _gate;

        internal Pass(IngestGate gate) => _gate = gate;

        /// <summary>Leaves the gate.</summary>
        public void Dispose() => _gate?.Leave();
    }
}
