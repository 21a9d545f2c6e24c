using ScoringGrid.Bench.Reporting;

namespace ScoringGrid.Bench.Load;

/// <summary>What one phase of a run measured.</summary>
public sealed class PhaseResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="plan">The phase's plan.</param>
    /// <param name="elapsed">From the phase's start to its last answer.</param>
    /// <param name="operations">Merged statistics per operation.</param>
    /// <param name="scheduleLag">How late requests were sent (open model).</param>
    /// <param name="stopReason">Why it ended.</param>
    /// <param name="behindSchedule">Open model: requests due before the end that were never sent, because every worker was still busy.</param>
    public PhaseResult(LoadPlan plan, TimeSpan elapsed, IReadOnlyList<OperationStats> operations, LatencyHistogram scheduleLag, StopReason stopReason, long behindSchedule)
    {
        Plan = plan;
        Elapsed = elapsed;
        Operations = operations;
        ScheduleLag = scheduleLag;
        StopReason = stopReason;
        BehindSchedule = behindSchedule;
        Total = new OperationStats("all");
        foreach (var operation in operations)
        {
            Total.Merge(operation);
        }
    }

    /// <summary>The phase's plan.</summary>
    public LoadPlan Plan { get; }

    /// <summary>From the phase's start to its last answer.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Statistics per operation.</summary>
    public IReadOnlyList<OperationStats> Operations { get; }

    /// <summary>All operations together.</summary>
    public OperationStats Total { get; }

    /// <summary>How late requests were sent after their intended start (open model; empty in the closed model).</summary>
    public LatencyHistogram ScheduleLag { get; }

    /// <summary>Why the phase ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Open model: requests due before the end that were never sent (the target rate was not reached).</summary>
    public long BehindSchedule { get; }

    /// <summary>Requests answered per second.</summary>
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Total.Requests / Elapsed.TotalSeconds : 0;

    /// <summary>Interactions sent per second (ingest).</summary>
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Total.Items / Elapsed.TotalSeconds : 0;
}
