using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>One seeded generator per worker for the choices made while sending (which pair to query, read or write), independent of the workload's own sequence.</summary>
public static class WorkerRandom
{
    /// <summary>Stream numbers below this are the workload's own.</summary>
    private const ulong FirstWorkerStream = 1_000;

    /// <summary>Generators for <paramref name="workers"/> workers.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="workers">Number of workers.</param>
    public static DeterministicRandom[] Create(ulong seed, int workers) =>
        Enumerable.Range(0, workers).Select(w => DeterministicRandom.ForStream(seed, FirstWorkerStream + (ulong)w)).ToArray();
}
