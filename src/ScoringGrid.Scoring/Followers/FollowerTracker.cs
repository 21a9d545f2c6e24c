using System.Runtime.InteropServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// Followers of one account: follow state per follower (latest FOLLOW/UNFOLLOW by event time,
/// UNFOLLOW winning ties) and the time of each inbound account's latest engagement.
/// One record per distinct inbound account; updates for a known account do not allocate.
/// </summary>
internal struct FollowerTracker
{
    // Few fans (most accounts): an array searched linearly (16 entries of 32 bytes take about 60%
    // of the dictionary a dozen fans would need); more: a dictionary.
    private const int SmallLimit = 16;
    private SmallFan[]? _small;
    private int _smallCount;
    private Dictionary<string, FanRecord>? _fans;
    private int _followers;

    public readonly int Followers => _followers;

    public readonly int TrackedAccounts => _fans?.Count ?? _smallCount;

    public readonly IEnumerable<KeyValuePair<string, FanRecord>> Records
    {
        get
        {
            if (_fans is not null)
            {
                return _fans;
            }

            var list = new List<KeyValuePair<string, FanRecord>>(_smallCount);
            for (int i = 0; i < _smallCount; i++)
            {
                list.Add(new KeyValuePair<string, FanRecord>(_small![i].Fan, _small[i].Record));
            }

            return list;
        }
    }

    public void ApplyFollow(string fan, long t, bool follow)
    {
        ref FanRecord record = ref GetOrAdd(fan);
        if (t > record.FollowEventMs || (t == record.FollowEventMs && !follow))
        {
            bool was = record.FollowState == FanRecord.Following;
            record.FollowEventMs = t;
            record.FollowState = follow ? FanRecord.Following : FanRecord.Unfollowed;
            _followers += (follow ? 1 : 0) - (was ? 1 : 0);
        }
    }

    public void ApplyEngagement(string fan, long t)
    {
        ref FanRecord record = ref GetOrAdd(fan);
        if (t > record.LastEngagedMs)
        {
            record.LastEngagedMs = t;
        }
    }

    /// <summary>Restores one record (snapshot load).</summary>
    public void Restore(string fan, FanRecord record)
    {
        GetOrAdd(fan) = record;
        if (record.FollowState == FanRecord.Following)
        {
            _followers++;
        }
    }

    /// <summary>
    /// Followers whose latest engagement lies in (asOf − window, asOf]. One pass over the tracked
    /// accounts (query path only).
    /// </summary>
    public readonly int CountEngaged(long asOfMs, long windowMs)
    {
        long from = asOfMs - windowMs;
        int engaged = 0;
        if (_fans is not null)
        {
            foreach (KeyValuePair<string, FanRecord> pair in _fans)
            {
                FanRecord r = pair.Value;
                if (r.FollowState == FanRecord.Following && r.LastEngagedMs > from && r.LastEngagedMs <= asOfMs)
                {
                    engaged++;
                }
            }
        }
        else
        {
            for (int i = 0; i < _smallCount; i++)
            {
                FanRecord r = _small![i].Record;
                if (r.FollowState == FanRecord.Following && r.LastEngagedMs > from && r.LastEngagedMs <= asOfMs)
                {
                    engaged++;
                }
            }
        }

        return engaged;
    }

    private ref FanRecord GetOrAdd(string fan)
    {
        if (_fans is null)
        {
            SmallFan[]? small = _small;
            int count = _smallCount;
            for (int i = 0; i < count; i++)
            {
                if (string.Equals(small![i].Fan, fan, StringComparison.Ordinal))
                {
                    return ref small[i].Record;
                }
            }

            if (count < SmallLimit)
            {
                if (small is null || count == small.Length)
                {
                    Array.Resize(ref _small, count == 0 ? 1 : count * 2);
                    small = _small;
                }

                ref SmallFan added = ref small[count];
                added.Fan = fan;
                added.Record = new FanRecord { FollowEventMs = long.MinValue, LastEngagedMs = long.MinValue };
                _smallCount = count + 1;
                return ref added.Record;
            }

            _fans = new Dictionary<string, FanRecord>(2 * SmallLimit, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                _fans.Add(small![i].Fan, small[i].Record);
            }

            _small = null;
            _smallCount = 0;
        }

        ref FanRecord record = ref CollectionsMarshal.GetValueRefOrAddDefault(_fans, fan, out bool exists);
        if (!exists)
        {
            record.FollowEventMs = long.MinValue;
            record.LastEngagedMs = long.MinValue;
        }

        return ref record;
    }

    private struct SmallFan
    {
        public string Fan;
        public FanRecord Record;
    }
}
