namespace ScoringGrid.Bench.Load;

/// <summary>Why a phase ended.</summary>
public enum StopReason
{
    /// <summary>Its duration passed.</summary>
    Duration,

    /// <summary>Its number of requests was sent.</summary>
    Count,

    /// <summary>The source of work ran out (end of the replayed file).</summary>
    EndOfWork,

    /// <summary>The run was cut off: the hard cap on run time (<c>--max-time</c>) or an interrupt.</summary>
    Cancelled,
}
