using System.Globalization;
using ScoringGrid.Bench.Options;

namespace ScoringGrid.Bench.Reporting;

/// <summary>One-line descriptions of how a run loaded the server.</summary>
public static class ModelDescription
{
    /// <summary>E.g. <c>closed: 4 streams x 8 batches in flight over 1 connection</c>.</summary>
    /// <param name="settings">The settings.</param>
    public static string Describe(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connections = settings.Connections == 1 ? "1 connection" : $"{settings.Connections} connections";
        var load = settings.Scenario is ScenarioKind.IngestStream or ScenarioKind.LoadPairs
            ? $"{settings.Concurrency} streams x {settings.InFlight} batches of {settings.BatchSize} in flight"
            : $"{settings.Concurrency} workers";
        return settings.Rate is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"open: {rate:N0} requests/s on a fixed schedule, {load} over {connections}")
            : $"closed: {load} over {connections}";
    }
}
