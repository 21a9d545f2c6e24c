namespace ScoringGrid.Bench.Load;

/// <summary>How one phase (warm-up or measurement) of a run sends its requests.</summary>
/// <param name="Workers">Concurrent workers, each with one request outstanding at a time.</param>
/// <param name="Rate">Requests per second for the open model; null for the closed model (each worker sends its next request as soon as its last one is answered).</param>
/// <param name="Duration">Stop sending after this long; null for no time bound.</param>
/// <param name="Count">Stop after this many requests; null for no count bound.</param>
public sealed record LoadPlan(int Workers, double? Rate, TimeSpan? Duration, long? Count)
{
    /// <summary>Whether requests follow a fixed schedule.</summary>
    public bool IsOpenModel => Rate is not null;
}
