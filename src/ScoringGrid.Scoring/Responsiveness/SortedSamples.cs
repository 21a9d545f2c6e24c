namespace ScoringGrid.Scoring;

/// <summary>
/// A sorted multiset of answer times (ms) with nearest-rank percentiles. Values are kept in sorted
/// blocks of at most <see cref="BlockSize"/>, so an insert or a removal moves at most one block's
/// worth of values (an account with a hundred thousand answers does not memmove them all on each
/// new one); a percentile walks the block counts.
/// </summary>
internal sealed class SortedSamples
{
    /// <summary>Most values per block; a full block splits in two.</summary>
    internal const int BlockSize = 512;

    private readonly List<List<long>> _blocks = [];
    private int _count;

    /// <summary>A shared empty instance (never added to).</summary>
    public static SortedSamples Empty { get; } = new();

    public int Count => _count;

    public void Add(long value)
    {
        if (_blocks.Count == 0)
        {
            _blocks.Add(new List<long>(16) { value });
            _count = 1;
            return;
        }

        int b = BlockFor(value);
        List<long> block = _blocks[b];
        int index = block.BinarySearch(value);
        block.Insert(index < 0 ? ~index : index, value);
        _count++;
        if (block.Count > BlockSize)
        {
            // Split in two halves so neighbouring inserts stay cheap.
            int half = block.Count / 2;
            var upper = block.GetRange(half, block.Count - half);
            block.RemoveRange(half, block.Count - half);
            _blocks.Insert(b + 1, upper);
        }
    }

    public void Remove(long value)
    {
        int b = _blocks.Count == 0 ? -1 : BlockFor(value);
        int index = b < 0 ? -1 : _blocks[b].BinarySearch(value);
        if (index < 0)
        {
            throw new InvalidOperationException("answer time samples out of sync");
        }

        List<long> block = _blocks[b];
        block.RemoveAt(index);
        _count--;
        if (block.Count == 0)
        {
            _blocks.RemoveAt(b);
        }
    }

    public void Clear()
    {
        _blocks.Clear();
        _count = 0;
    }

    /// <summary>Nearest rank: the value at rank ceil(q·n) (1-based) with q = numerator/denominator; null when empty.</summary>
    public long? Percentile(int numerator, int denominator)
    {
        int n = _count;
        if (n == 0)
        {
            return null;
        }

        long rank = ((long)numerator * n + denominator - 1) / denominator;
        int remaining = (int)Math.Clamp(rank, 1, n) - 1;
        foreach (List<long> block in _blocks)
        {
            if (remaining < block.Count)
            {
                return block[remaining];
            }

            remaining -= block.Count;
        }

        throw new InvalidOperationException("answer time samples out of sync");
    }

    /// <summary>The block a value belongs in: the last block whose first value is at most it (the first block otherwise).</summary>
    private int BlockFor(long value)
    {
        int lo = 0;
        int hi = _blocks.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_blocks[mid][0] <= value)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
