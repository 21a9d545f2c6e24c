namespace ScoringGrid.Scoring.Tests;

/// <summary>The collection of tests that measure allocations: run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
