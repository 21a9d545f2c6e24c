using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Scenarios;

namespace ScoringGrid.Bench.Reporting;

/// <summary>Everything a run measured, for the summary and the result file.</summary>
public sealed class RunReport
{
    /// <summary>The settings.</summary>
    public required BenchSettings Settings { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>What the interactions were.</summary>
    public required string Workload { get; init; }

    /// <summary>The preload of a query scenario, if any.</summary>
    public PreloadResult? Preload { get; init; }

    /// <summary>Distinct pairs and accounts the queries were drawn from (query scenarios).</summary>
    public (int Pairs, int Accounts)? QueryTargets { get; init; }

    /// <summary>The warm-up, if any.</summary>
    public PhaseResult? Warmup { get; init; }

    /// <summary>The measurement.</summary>
    public required PhaseResult Measured { get; init; }

    /// <summary>Lines, interactions, skipped and malformed lines of a replayed file, and its first errors.</summary>
    public (long Lines, long Interactions, long Skipped, long Malformed, IReadOnlyList<string> Errors)? Replay { get; init; }

    /// <summary>Whether the run was cut off by <c>--max-time</c> or an interrupt.</summary>
    public bool CutOff => Measured.StopReason == StopReason.Cancelled;

    /// <summary>Remarks on the run (e.g. the schedule was not kept).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
