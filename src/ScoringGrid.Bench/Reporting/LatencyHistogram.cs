using System.Numerics;

namespace ScoringGrid.Bench.Reporting;

/// <summary>
/// Latencies in HDR-style log-linear buckets: values below <see cref="SubBuckets"/> nanoseconds
/// each have their own bucket; above, each power of two is split into
/// <see cref="SubBuckets"/>/2 equal buckets, so a bucket's width is at most
/// <see cref="RelativeError"/> of its values. Percentiles need no sorting and no memory per
/// sample; the reported value of a percentile is the upper edge of its bucket (never below the
/// true value, at most <see cref="RelativeError"/> above it, and never above the largest value
/// recorded). Values beyond about 2.4 hours are counted in the last bucket. Not thread-safe:
/// one per worker, merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Bits of the sub-bucket index.</summary>
    public const int SubBucketBits = 8;

    /// <summary>Exact (one-nanosecond) buckets below this value, and twice the buckets per power of two above it.</summary>
    public const long SubBuckets = 1L << SubBucketBits;

    /// <summary>The largest value tracked exactly by magnitude, in ns (2^43, about 2.4 hours).</summary>
    public const long HighestTrackable = 1L << 43;

    /// <summary>Bound on the relative error of a percentile: 2 / <see cref="SubBuckets"/> (0.78%).</summary>
    public const double RelativeError = 2.0 / SubBuckets;

    private const long HalfSubBuckets = SubBuckets / 2;
    private static readonly int BucketCount = Index(HighestTrackable - 1) + 1;
    private readonly long[] _counts = new long[BucketCount];
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    /// <summary>Samples recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value recorded, ns (0 when empty).</summary>
    public long MinNanoseconds => Count == 0 ? 0 : _min;

    /// <summary>The largest value recorded, ns.</summary>
    public long MaxNanoseconds => _max;

    /// <summary>The mean, ns (reported beside the percentiles, never instead of them).</summary>
    public double MeanNanoseconds => Count == 0 ? 0 : _sum / Count;

    /// <summary>Records a value in nanoseconds (negative values count as 0).</summary>
    /// <param name="nanoseconds">The value.</param>
    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, HighestTrackable - 1);
        _counts[Index(value)]++;
        Count++;
        _sum += value;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>Records a latency.</summary>
    /// <param name="latency">The latency.</param>
    public void Record(TimeSpan latency) => Record(latency.Ticks * 100);

    /// <summary>Adds another histogram's samples to this one.</summary>
    /// <param name="other">The other histogram.</param>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _sum += other._sum;
        if (other.Count > 0)
        {
            _min = Math.Min(_min, other._min);
            _max = Math.Max(_max, other._max);
        }
    }

    /// <summary>
    /// The value at a quantile, ns, by the nearest-rank method: the sample of rank
    /// <c>ceil(q · n)</c> in sorted order, reported as its bucket's upper edge (capped at the maximum).
    /// </summary>
    /// <param name="quantile">In [0, 1]; 0 gives the minimum, 1 the maximum.</param>
    public long ValueAtQuantile(double quantile)
    {
        if (!(quantile is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile is between 0 and 1.");
        }

        if (Count == 0)
        {
            return 0;
        }

        if (quantile == 0)
        {
            return _min;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), _max);
            }
        }

        return _max;
    }

    /// <summary>The value at a quantile, in milliseconds.</summary>
    /// <param name="quantile">In [0, 1].</param>
    public double MillisecondsAtQuantile(double quantile) => ValueAtQuantile(quantile) / 1e6;

    /// <summary>The non-empty buckets, in order: the upper edge of each (ns) and its count.</summary>
    public IEnumerable<(long UpToNanoseconds, long Count)> Buckets()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                yield return (HighestEquivalent(i), _counts[i]);
            }
        }
    }

    /// <summary>The bucket of a value.</summary>
    internal static int Index(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - (SubBucketBits - 1);
        var sub = value >> shift;
        return (int)(SubBuckets + (shift - 1) * HalfSubBuckets + (sub - HalfSubBuckets));
    }

    /// <summary>The largest value that falls into a bucket.</summary>
    internal static long HighestEquivalent(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var shift = (int)((index - SubBuckets) / HalfSubBuckets) + 1;
        var sub = (index - SubBuckets) % HalfSubBuckets + HalfSubBuckets;
        return ((sub + 1) << shift) - 1;
    }
}
