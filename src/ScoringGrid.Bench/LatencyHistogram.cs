namespace ScoringGrid.Bench;

/// <summary>
/// Latencies in logarithmic buckets (about 1% wide), so percentiles need no sorting and no
/// per-sample memory. Not thread-safe: one per worker, merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.01;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[2400];
    private long _max;

    /// <summary>Samples recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1, latency.Ticks / 10);
        var bucket = (int)Math.Min(_buckets.Length - 1, Math.Log(micros) / LogGrowth);
        _buckets[bucket]++;
        _max = Math.Max(_max, micros);
        Count++;
    }

    /// <summary>Adds another histogram's samples.</summary>
    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] += other._buckets[i];
        }

        Count += other.Count;
        _max = Math.Max(_max, other._max);
    }

    /// <summary>The latency at a quantile, in milliseconds (upper edge of its bucket).</summary>
    public double PercentileMs(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return Math.Min(Math.Pow(Growth, i + 1), _max) / 1000.0;
            }
        }

        return _max / 1000.0;
    }

    /// <summary>The largest latency, ms.</summary>
    public double MaxMs => _max / 1000.0;
}
