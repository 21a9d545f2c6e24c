using ScoringGrid.Bench.Reporting;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Tests;

/// <summary>The histogram's percentiles against exact nearest-rank values computed from the sorted samples.</summary>
public sealed class LatencyHistogramTests
{
    private static long Exact(long[] sorted, double quantile) =>
        sorted[Math.Max(1, (long)Math.Ceiling(quantile * sorted.Length)) - 1];

    [Fact(Timeout = 10_000)]
    public async Task Values_below_the_sub_bucket_count_are_exact()
    {
        await Task.Yield();
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 200; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(100, histogram.ValueAtQuantile(0.5));
        Assert.Equal(180, histogram.ValueAtQuantile(0.9));
        Assert.Equal(198, histogram.ValueAtQuantile(0.99));
        Assert.Equal(200, histogram.ValueAtQuantile(1.0));
        Assert.Equal(1, histogram.MinNanoseconds);
        Assert.Equal(200, histogram.MaxNanoseconds);
        Assert.Equal(100.5, histogram.MeanNanoseconds, 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task Percentiles_are_within_the_relative_error_above_the_exact_values()
    {
        await Task.Yield();
        // A skewed spread of latencies from 20 µs to several seconds, in nanoseconds.
        var random = new DeterministicRandom(42);
        var samples = new long[100_000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = 20_000 + (long)(random.NextExponential(1.0) * random.NextExponential(1.0) * 400_000);
        }

        var histogram = new LatencyHistogram();
        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        Array.Sort(samples);
        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999 })
        {
            var exact = Exact(samples, q);
            var reported = histogram.ValueAtQuantile(q);
            Assert.True(reported >= exact, $"q={q}: reported {reported} below exact {exact}");
            Assert.True(reported <= exact * (1 + LatencyHistogram.RelativeError), $"q={q}: reported {reported} more than {LatencyHistogram.RelativeError:P2} above exact {exact}");
        }

        Assert.Equal(samples[^1], histogram.MaxNanoseconds);
        Assert.Equal(samples[^1], histogram.ValueAtQuantile(1.0));
        Assert.Equal(samples[0], histogram.MinNanoseconds);
        Assert.Equal(samples.Length, histogram.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Every_bucket_covers_its_values_within_the_relative_error()
    {
        await Task.Yield();
        var random = new DeterministicRandom(7);
        for (var i = 0; i < 200_000; i++)
        {
            var value = (long)(random.NextUInt64() >> (int)(20 + random.NextInt64(44))) % LatencyHistogram.HighestTrackable;
            var upper = LatencyHistogram.HighestEquivalent(LatencyHistogram.Index(value));
            Assert.True(upper >= value, $"bucket of {value} ends at {upper}");
            Assert.True(upper - value <= value * LatencyHistogram.RelativeError, $"bucket of {value} is too wide (ends at {upper})");
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Merging_per_worker_histograms_gives_the_percentiles_of_all_samples()
    {
        await Task.Yield();
        var all = new LatencyHistogram();
        var parts = new[] { new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram() };
        for (var i = 1; i <= 30_000; i++)
        {
            var latency = TimeSpan.FromMicroseconds(i * 7 % 5_003 + 50);
            all.Record(latency);
            parts[i % 3].Record(latency);
        }

        var merged = new LatencyHistogram();
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        Assert.Equal(all.Count, merged.Count);
        foreach (var q in new[] { 0.5, 0.9, 0.99, 0.999, 1.0 })
        {
            Assert.Equal(all.ValueAtQuantile(q), merged.ValueAtQuantile(q));
        }

        Assert.Equal(all.MinNanoseconds, merged.MinNanoseconds);
        Assert.Equal(all.Buckets(), merged.Buckets());
    }

    [Fact(Timeout = 10_000)]
    public async Task An_empty_histogram_reports_zero_and_bad_quantiles_are_refused()
    {
        await Task.Yield();
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.ValueAtQuantile(0.99));
        Assert.Equal(0, histogram.MaxNanoseconds);
        Assert.Empty(histogram.Buckets());
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtQuantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtQuantile(double.NaN));
    }

    [Fact(Timeout = 10_000)]
    public async Task Latencies_beyond_the_tracked_range_land_in_the_last_bucket()
    {
        await Task.Yield();
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromDays(3));
        histogram.Record(-5);
        Assert.Equal(2, histogram.Count);
        Assert.Equal(LatencyHistogram.HighestTrackable - 1, histogram.MaxNanoseconds);
        Assert.Equal(0, histogram.MinNanoseconds);
    }
}
