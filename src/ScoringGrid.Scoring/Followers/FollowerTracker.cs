using System.Runtime.InteropServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// Followers of one account: follow state per follower (latest FOLLOW/UNFOLLOW by event time,
/// UNFOLLOW winning ties) and the time of each inbound account's latest engagement.
/// One record per distinct inbound account; updates for a known account do not allocate.
/// </summary>
/// <remarks>
/// Few fans (most accounts): an array of 16-byte entries (fan, latest engagement) searched linearly,
/// grown by a quarter, with each entry's follow state in two bits of one word and its follow event's
/// time in a second array made only once one of them has a follow event (many fans engage without
/// ever following): a quarter to two fifths of what a dictionary of a dozen fans takes. More than
/// <see cref="SmallLimit"/>: a dictionary.
/// </remarks>
internal partial struct FollowerTracker
{
    private const int SmallLimit = 16;
    private const int StateBits = 2;
    private const uint StateMask = (1u << StateBits) - 1;

    private SmallFan[]? _small;
    private long[]? _smallFollowMs; // fan i's latest follow event time, as long as _small; null while none has one
    private Dictionary<string, FanRecord>? _fans;
    private uint _smallStates; // fan i's FollowState at bits [2i, 2i + 2)
    private int _smallCount;
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
                list.Add(new KeyValuePair<string, FanRecord>(_small![i].Fan, SmallRecord(i)));
            }

            return list;
        }
    }

    public void ApplyFollow(string fan, long t, bool follow)
    {
        int i = SmallIndex(fan);
        if (i >= 0)
        {
            byte state = SmallState(i);
            if (Follow(ref SmallFollowMs(i), ref state, t, follow))
            {
                SetSmallState(i, state);
            }
        }
        else
        {
            ref FanRecord record = ref DictionaryRecord(fan);
            Follow(ref record.FollowEventMs, ref record.FollowState, t, follow);
        }
    }

    public void ApplyEngagement(string fan, long t)
    {
        int i = SmallIndex(fan);
        ref long last = ref i >= 0 ? ref _small![i].LastEngagedMs : ref DictionaryRecord(fan).LastEngagedMs;
        if (t > last)
        {
            last = t;
        }
    }

    /// <summary>Restores one record (snapshot load).</summary>
    public void Restore(string fan, FanRecord record)
    {
        int i = SmallIndex(fan);
        if (i >= 0)
        {
            _followers -= SmallState(i) == FanRecord.Following ? 1 : 0;
            if (record.FollowEventMs != long.MinValue || _smallFollowMs is not null)
            {
                SmallFollowMs(i) = record.FollowEventMs;
            }

            _small![i].LastEngagedMs = record.LastEngagedMs;
            SetSmallState(i, record.FollowState);
        }
        else
        {
            ref FanRecord slot = ref DictionaryRecord(fan);
            _followers -= slot.FollowState == FanRecord.Following ? 1 : 0;
            slot = record;
        }

        _followers += record.FollowState == FanRecord.Following ? 1 : 0;
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
                engaged += EngagedFollower(pair.Value.FollowState, pair.Value.LastEngagedMs, from, asOfMs);
            }
        }
        else
        {
            for (int i = 0; i < _smallCount; i++)
            {
                engaged += EngagedFollower(SmallState(i), _small![i].LastEngagedMs, from, asOfMs);
            }
        }

        return engaged;
    }

    /// <summary>1 for a current follower whose latest engagement lies in (from, asOf], else 0.</summary>
    private static int EngagedFollower(byte followState, long lastEngagedMs, long from, long asOfMs) =>
        followState == FanRecord.Following && lastEngagedMs > from && lastEngagedMs <= asOfMs ? 1 : 0;

    /// <summary>Applies a FOLLOW or UNFOLLOW at <paramref name="t"/> to one fan's follow fields; true when it changed them.</summary>
    private bool Follow(ref long followEventMs, ref byte state, long t, bool follow)
    {
        if (t > followEventMs || (t == followEventMs && !follow))
        {
            bool was = state == FanRecord.Following;
            followEventMs = t;
            state = follow ? FanRecord.Following : FanRecord.Unfollowed;
            _followers += (follow ? 1 : 0) - (was ? 1 : 0);
            return true;
        }

        return false;
    }

    /// <summary>The fan's index in the small array, added when new; −1 once the fans are in the dictionary.</summary>
    private int SmallIndex(string fan)
    {
        if (_fans is not null)
        {
            return -1;
        }

        SmallFan[]? small = _small;
        int count = _smallCount;
        for (int i = 0; i < count; i++)
        {
            if (string.Equals(small![i].Fan, fan, StringComparison.Ordinal))
            {
                return i;
            }
        }

        if (count == SmallLimit)
        {
            MoveToDictionary();
            return -1;
        }

        if (small is null || count == small.Length)
        {
            int size = Math.Min(SmallLimit, count + Math.Max(1, count / 4));
            Array.Resize(ref _small, size);
            small = _small;
            if (_smallFollowMs is not null)
            {
                Array.Resize(ref _smallFollowMs, size);
            }
        }

        small[count] = new SmallFan { Fan = fan, LastEngagedMs = long.MinValue };
        if (_smallFollowMs is { } followMs)
        {
            followMs[count] = long.MinValue;
        }

        SetSmallState(count, FanRecord.NoFollowEvent);
        _smallCount = count + 1;
        return count;
    }

    private void MoveToDictionary()
    {
        var fans = new Dictionary<string, FanRecord>(2 * SmallLimit, StringComparer.Ordinal);
        for (int i = 0; i < _smallCount; i++)
        {
            fans.Add(_small![i].Fan, SmallRecord(i));
        }

        _fans = fans;
        _small = null;
        _smallFollowMs = null;
        _smallStates = 0;
        _smallCount = 0;
    }

    private ref FanRecord DictionaryRecord(string fan)
    {
        ref FanRecord record = ref CollectionsMarshal.GetValueRefOrAddDefault(_fans!, fan, out bool exists);
        if (!exists)
        {
            record.FollowEventMs = long.MinValue;
            record.LastEngagedMs = long.MinValue;
        }

        return ref record;
    }

    /// <summary>Fan i's latest follow event time, made a place for (with every other fan's) at the first one.</summary>
    private ref long SmallFollowMs(int i)
    {
        if (_smallFollowMs is null)
        {
            var followMs = new long[_small!.Length];
            Array.Fill(followMs, long.MinValue);
            _smallFollowMs = followMs;
        }

        return ref _smallFollowMs[i];
    }

    private readonly FanRecord SmallRecord(int i) => new()
    {
        FollowEventMs = _smallFollowMs is { } followMs ? followMs[i] : long.MinValue,
        LastEngagedMs = _small![i].LastEngagedMs,
        FollowState = SmallState(i),
    };

    private readonly byte SmallState(int i) => (byte)((_smallStates >> (StateBits * i)) & StateMask);

    private void SetSmallState(int i, byte state)
    {
        int shift = StateBits * i;
        _smallStates = (_smallStates & ~(StateMask << shift)) | ((uint)state << shift);
    }

    /// <summary>A fan of the small array; its follow state is kept in <see cref="_smallStates"/>, its follow event's time in <see cref="_smallFollowMs"/>.</summary>
    private struct SmallFan
    {
        public string Fan;
        public long LastEngagedMs;
    }
}
