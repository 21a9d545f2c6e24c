using ScoringGrid.Bench.Reporting;

namespace ScoringGrid.Bench.Load;

/// <summary>One worker's statistics: per operation, the schedule lag, and live counters that the progress line reads while the worker runs.</summary>
public sealed class WorkerStats
{
    private long _requests;
    private long _errors;
    private long _items;

    /// <summary>Creates empty statistics for the operations of a scenario.</summary>
    /// <param name="operations">The operation names.</param>
    public WorkerStats(IReadOnlyList<string> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Operations = operations.Select(name => new OperationStats(name)).ToArray();
    }

    /// <summary>Per operation.</summary>
    public OperationStats[] Operations { get; }

    /// <summary>How late requests were sent after their intended start (open model).</summary>
    public LatencyHistogram ScheduleLag { get; } = new();

    /// <summary>Requests answered so far (safe to read from another thread).</summary>
    public long Requests => Volatile.Read(ref _requests);

    /// <summary>Failed requests so far (safe to read from another thread).</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Interactions sent so far (safe to read from another thread).</summary>
    public long Items => Volatile.Read(ref _items);

    /// <summary>Records an answered request.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="latency">From its intended start.</param>
    /// <param name="serviceTime">From its actual send.</param>
    public void Record(in RequestOutcome outcome, TimeSpan latency, TimeSpan serviceTime)
    {
        Operations[outcome.Operation].Record(outcome, latency, serviceTime);
        Volatile.Write(ref _items, _items + outcome.Items);
        if (outcome.Error is not null)
        {
            Volatile.Write(ref _errors, _errors + 1);
        }

        Volatile.Write(ref _requests, _requests + 1);
    }
}
