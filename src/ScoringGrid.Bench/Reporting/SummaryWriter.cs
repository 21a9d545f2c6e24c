using System.Globalization;
using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Options;

namespace ScoringGrid.Bench.Reporting;

/// <summary>The plain-text summary printed at the end of a run.</summary>
public static class SummaryWriter
{
    private static readonly (string Label, double Quantile)[] Quantiles = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999)];

    /// <summary>Writes the summary.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The run.</param>
    public static void Write(TextWriter writer, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var settings = report.Settings;
        var measured = report.Measured;
        var total = measured.Total;
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine($"scenario      {ScenarioNames.Name(settings.Scenario)} against {settings.Target}");
        writer.WriteLine($"model         {ModelDescription.Describe(settings)}");
        writer.WriteLine($"workload      {report.Workload}");
        if (report.Replay is { } replay)
        {
            writer.WriteLine(string.Create(c, $"replay        {replay.Lines:N0} lines: {replay.Interactions:N0} interactions, {replay.Skipped:N0} skipped, {replay.Malformed:N0} malformed"));
            foreach (var error in replay.Errors)
            {
                writer.WriteLine($"                {error}");
            }
        }

        if (report.Preload is { } preload)
        {
            writer.WriteLine(string.Create(c, $"preload       {preload.Sent:N0} interactions in {preload.Elapsed.TotalSeconds:F1} s (accepted {preload.Accepted:N0}, duplicates {preload.Duplicates:N0}, rejected {preload.Rejected:N0})"));
        }

        if (report.QueryTargets is { } targets)
        {
            writer.WriteLine(string.Create(c, $"queried       {targets.Pairs:N0} pairs and {targets.Accounts:N0} accounts, the most active most often"));
        }

        if (report.Warmup is { } warmup)
        {
            writer.WriteLine(string.Create(c, $"warm-up       {warmup.Elapsed.TotalSeconds:F2} s, {warmup.Total.Requests:N0} requests, {warmup.Total.Errors:N0} errors (not measured)"));
        }

        writer.WriteLine(string.Create(c, $"measured      {measured.Elapsed.TotalSeconds:F2} s, ended by {StopText(measured.StopReason)}"));
        writer.WriteLine(string.Create(c, $"requests      {total.Requests:N0} ({measured.RequestsPerSecond:N1}/s)"));
        if (total.Items > 0)
        {
            writer.WriteLine(string.Create(c, $"interactions  {total.Items:N0} ({measured.ItemsPerSecond:N0}/s): accepted {total.Accepted:N0}, duplicates {total.Duplicates:N0}, rejected {total.Rejected:N0}{Breakdown(total.RejectedByStatus)}"));
        }

        writer.WriteLine(total.Errors == 0
            ? "errors        none"
            : string.Create(c, $"errors        {total.Errors:N0} ({100.0 * total.Errors / Math.Max(1, total.Requests):F2}%):{Breakdown(total.ErrorsByStatus).TrimStart(';', ' ').Insert(0, " ")}"));
        writer.WriteLine($"latency ms    {Percentiles(total.Latency)}{(settings.IsOpenModel ? "  (from each intended start)" : string.Empty)}");
        if (settings.IsOpenModel)
        {
            writer.WriteLine($"service ms    {Percentiles(total.ServiceTime)}  (from each actual send)");
            writer.WriteLine($"send lag ms   {Percentiles(measured.ScheduleLag)}  (actual send after intended start)");
            if (measured.BehindSchedule > 0)
            {
                writer.WriteLine(string.Create(c, $"behind        {measured.BehindSchedule:N0} requests were due before the end but never sent: the target rate was not reached"));
            }
        }

        if (measured.Operations.Count > 1)
        {
            writer.WriteLine("by operation");
            foreach (var operation in measured.Operations)
            {
                writer.WriteLine(string.Create(c,
                    $"  {operation.Name,-20} {operation.Requests,12:N0} requests  errors {operation.Errors:N0}  latency ms {Percentiles(operation.Latency)}"));
            }
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine($"note          {note}");
        }
    }

    /// <summary>The percentiles of a histogram, in ms: <c>p50 0.412  p90 ... max ...</c>.</summary>
    /// <param name="histogram">The histogram.</param>
    public static string Percentiles(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count == 0)
        {
            return "no samples";
        }

        var parts = Quantiles.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Label} {Ms(histogram.ValueAtQuantile(q.Quantile))}"));
        return string.Join("  ", parts) + string.Create(CultureInfo.InvariantCulture, $"  max {Ms(histogram.MaxNanoseconds)}");
    }

    /// <summary>What ended a phase, in words.</summary>
    /// <param name="reason">The reason.</param>
    public static string StopText(StopReason reason) => reason switch
    {
        StopReason.Duration => "its duration",
        StopReason.Count => "its count",
        StopReason.EndOfWork => "the end of the replayed file",
        _ => "a cut-off (--max-time or an interrupt): figures cover what was answered before it",
    };

    private static string Ms(long nanoseconds) => (nanoseconds / 1e6).ToString(nanoseconds < 10_000_000 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    private static string Breakdown(SortedDictionary<string, long> counts) =>
        counts.Count == 0 ? string.Empty : "; " + string.Join(", ", counts.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
}
