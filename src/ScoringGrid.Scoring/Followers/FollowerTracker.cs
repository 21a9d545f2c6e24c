using System.Runtime.InteropServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// Followers of one account: follow state per follower (latest FOLLOW/UNFOLLOW by event time,
/// UNFOLLOW winning ties) and the time of each inbound account's latest engagement.
/// One record per distinct inbound account; updates for a known account do not allocate.
/// </summary>
internal sealed class FollowerTracker
{
    private readonly Dictionary<string, FanRecord> _fans = new(StringComparer.Ordinal);
    private int _followers;

    public int Followers => _followers;

    public int TrackedAccounts => _fans.Count;

    public IEnumerable<KeyValuePair<string, FanRecord>> Records => _fans;

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
        _fans[fan] = record;
        if (record.FollowState == FanRecord.Following)
        {
            _followers++;
        }
    }

    /// <summary>
    /// Followers whose latest engagement lies in (asOf − window, asOf]. One pass over the tracked
    /// accounts (query path only).
    /// </summary>
    public int CountEngaged(long asOfMs, long windowMs)
    {
        long from = asOfMs - windowMs;
        int engaged = 0;
        foreach (KeyValuePair<string, FanRecord> pair in _fans)
        {
            FanRecord r = pair.Value;
            if (r.FollowState == FanRecord.Following && r.LastEngagedMs > from && r.LastEngagedMs <= asOfMs)
            {
                engaged++;
            }
        }

        return engaged;
    }

    private ref FanRecord GetOrAdd(string fan)
    {
        ref FanRecord record = ref CollectionsMarshal.GetValueRefOrAddDefault(_fans, fan, out bool exists);
        if (!exists)
        {
            record.FollowEventMs = long.MinValue;
            record.LastEngagedMs = long.MinValue;
        }

        return ref record;
    }
}
