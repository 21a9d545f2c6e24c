namespace ScoringGrid.Scoring;

/// <summary>A sorted multiset of answer times (ms) with nearest-rank percentiles.</summary>
internal sealed class SortedSamples
{
    private readonly List<long> _values = [];

    /// <summary>A shared empty instance (never added to).</summary>
    public static SortedSamples Empty { get; } = new();

    public int Count => _values.Count;

    public void Add(long value)
    {
        int index = _values.BinarySearch(value);
        _values.Insert(index < 0 ? ~index : index, value);
    }

    public void Remove(long value)
    {
        int index = _values.BinarySearch(value);
        if (index < 0)
        {
            throw new InvalidOperationException("answer time samples out of sync");
        }

        _values.RemoveAt(index);
    }

    public void Clear() => _values.Clear();

    /// <summary>Nearest rank: the value at rank ceil(q·n) (1-based) with q = numerator/denominator; null when empty.</summary>
    public long? Percentile(int numerator, int denominator)
    {
        int n = _values.Count;
        if (n == 0)
        {
            return null;
        }

        long rank = ((long)numerator * n + denominator - 1) / denominator;
        rank = Math.Clamp(rank, 1, n);
        return _values[(int)rank - 1];
    }
}
