using ScoringGrid.Bench.Reporting;

namespace ScoringGrid.Bench.Tests;

/// <summary>The progress line and the summary's percentile text.</summary>
public sealed class ProgressLineTests
{
    [Fact(Timeout = 10_000)]
    public async Task The_progress_line_shows_elapsed_requests_rate_and_errors()
    {
        await Task.Yield();
        var line = ProgressReporter.Line("run", TimeSpan.FromSeconds(3.04), 123_456, 41_152.4, 0, 7);
        Assert.Equal("[run    3.0s] requests      123,456  rate      41,152/s  errors 7", line);
        Assert.Contains("interactions     12,345,000", ProgressReporter.Line("run", TimeSpan.FromSeconds(1), 12_345, 12_345, 12_345_000, 0));
    }

    [Fact(Timeout = 10_000)]
    public async Task Percentiles_are_printed_in_milliseconds_with_the_maximum()
    {
        await Task.Yield();
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(1));
        histogram.Record(TimeSpan.FromMilliseconds(250));
        var text = SummaryWriter.Percentiles(histogram);
        Assert.StartsWith("p50 1.00", text);
        Assert.EndsWith("max 250.0", text);
        Assert.Equal("no samples", SummaryWriter.Percentiles(new LatencyHistogram()));
    }
}
