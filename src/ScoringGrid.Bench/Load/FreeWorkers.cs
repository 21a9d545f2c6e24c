using System.Collections.Concurrent;

namespace ScoringGrid.Bench.Load;

/// <summary>
/// The open model's idle workers: the pacing thread takes one per request (blocking while all are
/// busy) and a call gives its worker back when it is answered. First in, first out, so requests go
/// round the workers (and the connections they use).
/// </summary>
internal sealed class FreeWorkers : IDisposable
{
    private readonly ConcurrentQueue<int> _idle = new();
    private readonly SemaphoreSlim _available;
    private readonly int _count;

    /// <summary>Creates the set with workers 0 to <paramref name="count"/> − 1 idle.</summary>
    /// <param name="count">How many workers.</param>
    public FreeWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _count = count;
        for (var w = 0; w < count; w++)
        {
            _idle.Enqueue(w);
        }

        _available = new SemaphoreSlim(count, count);
    }

    /// <summary>Takes an idle worker, waiting for one when all are busy.</summary>
    /// <param name="cancellationToken">Stops waiting (throws <see cref="OperationCanceledException"/>).</param>
    public int Take(CancellationToken cancellationToken)
    {
        _available.Wait(cancellationToken);
        _idle.TryDequeue(out var worker);
        return worker;
    }

    /// <summary>Gives a worker back.</summary>
    /// <param name="worker">A worker taken before.</param>
    public void Return(int worker)
    {
        _idle.Enqueue(worker);
        _available.Release();
    }

    /// <summary>Waits until every worker is idle (every call answered), then holds them all.</summary>
    public void TakeAll()
    {
        for (var i = 0; i < _count; i++)
        {
            _available.Wait();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _available.Dispose();
}
