namespace ScoringGrid.Scoring;

/// <summary>
/// Day buckets of an account's Kaushik counts, sparse (only days with activity) and sorted by day.
/// Retention: the days in (latestDay − retentionDays, latestDay], where latestDay is the UTC day of the
/// account's latest event; older buckets are dropped and older events ignored, which is the same whatever
/// the arrival order. Adding to an existing day does not allocate.
/// </summary>
internal struct KaushikBuckets
{
    private KaushikBucket[] _buckets = [];
    private int _count;
    private long _latestDay = long.MinValue;
    private int _retentionDays = 1; // the model's retention, at most 3,650 days

    /// <summary>No buckets, no event yet. A mutable struct kept as a field of its account: never copy it.</summary>
    public KaushikBuckets()
    {
    }

    public readonly int Count => _count;

    /// <summary>First retained day, or <see cref="long.MinValue"/> before any event.</summary>
    public readonly long FirstRetainedDay => _latestDay == long.MinValue ? long.MinValue : _latestDay - _retentionDays + 1;

    public readonly ReadOnlySpan<KaushikBucket> Buckets => _buckets.AsSpan(0, _count);

    /// <summary>Moves the retention range to end at <paramref name="latestDay"/> (never backwards).</summary>
    public void Advance(long latestDay, long retentionDays)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retentionDays, int.MaxValue);
        _retentionDays = (int)retentionDays;
        if (latestDay <= _latestDay)
        {
            return;
        }

        _latestDay = latestDay;
        long first = FirstRetainedDay;
        int drop = 0;
        while (drop < _count && _buckets[drop].Day < first)
        {
            drop++;
        }

        if (drop > 0)
        {
            Array.Copy(_buckets, drop, _buckets, 0, _count - drop);
            _count -= drop;
            Array.Clear(_buckets, _count, drop);
        }
    }

    /// <summary>Finds or creates the bucket of a day; false when the day is older than the retained range.</summary>
    public bool TryGet(long day, out int index)
    {
        if (day < FirstRetainedDay)
        {
            index = -1;
            return false;
        }

        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_buckets[mid].Day < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo < _count && _buckets[lo].Day == day)
        {
            index = lo;
            return true;
        }

        if (_count == _buckets.Length)
        {
            Array.Resize(ref _buckets, Math.Max(1, _count * 2));
        }

        if (lo < _count)
        {
            Array.Copy(_buckets, lo, _buckets, lo + 1, _count - lo);
        }

        _buckets[lo] = new KaushikBucket { Day = day };
        _count++;
        index = lo;
        return true;
    }

    public readonly ref KaushikBucket At(int index) => ref _buckets[index];

    /// <summary>Totals over the days in [fromDay, toDay].</summary>
    public readonly KaushikBucket Sum(long fromDay, long toDay)
    {
        var total = new KaushikBucket { Day = fromDay };
        for (int i = 0; i < _count; i++)
        {
            ref KaushikBucket b = ref _buckets[i];
            if (b.Day < fromDay)
            {
                continue;
            }

            if (b.Day > toDay)
            {
                break;
            }

            total.Posts += b.Posts;
            total.Conversations += b.Conversations;
            total.Shares += b.Shares;
            total.Likes += b.Likes;
            total.Conversions += b.Conversions;
            total.Value += b.Value;
        }

        return total;
    }

    /// <summary>Restores one bucket (snapshot load; call in day order after <see cref="Advance"/>).</summary>
    public void Restore(KaushikBucket bucket)
    {
        if (TryGet(bucket.Day, out int index))
        {
            _buckets[index] = bucket;
        }
    }
}
