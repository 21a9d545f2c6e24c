namespace ScoringGrid.Scoring;

/// <summary>
/// An account's best relationships by ranking key, bounded to a capacity (default 150), kept
/// incrementally: no scan of all relationships, ever.
/// </summary>
/// <remarks>
/// <para>
/// Order: higher key first; equal keys by the other account's id, ordinal ascending. Keys are
/// forward-decayed (<see cref="RelationshipState.StrengthKey"/>), so the order never changes with the clock
/// and nothing needs re-sorting as time passes.
/// </para>
/// <para>
/// Entries live in an array sorted by (key desc, id asc) plus an id → key map; an update finds the entry
/// by binary search (O(log K)) and moves it with one block copy (O(K) memmove, K ≤ capacity). Storage
/// grows with the number of entries (doubling), so updates do not allocate once it has reached the capacity.
/// </para>
/// <para>
/// Guarantee: when no listed pair's key ever decreases (the normal case: forward-decayed keys only grow,
/// except after a negative weight such as UNFOLLOW), the list holds exactly the capacity best pairs of
/// all pairs ever updated. A listed pair whose key drops stays listed at its new place, and a slot freed by
/// <see cref="Remove"/> is refilled only by the next update of an unlisted pair; an evicted pair comes back
/// on its next update if it then qualifies. Exactness after decreases would need a scan, which the design rules out.
/// </para>
/// <para>Serialisation: <see cref="Save"/> / <see cref="Load"/>.</para>
/// </remarks>
public sealed class TopRelationships
{
    private readonly int _capacity;
    private Entry[] _entries;
    private readonly Dictionary<string, double> _keys;
    private int _count;

    /// <summary>Creates an empty list with the model's capacity.</summary>
    /// <param name="model">Supplies <see cref="ScoringModel.TopRelationshipsCapacity"/>.</param>
    public TopRelationships(ScoringModel model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).TopRelationshipsCapacity)
    {
    }

    /// <summary>Entries allocated at first; the array doubles up to the capacity.</summary>
    private const int InitialSize = 4;

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacity">Most entries kept (≥ 1).</param>
    public TopRelationships(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // Most accounts have a handful of relationships: start small and grow to the capacity.
        _capacity = capacity;
        _entries = new Entry[Math.Min(capacity, InitialSize)];
        _keys = new Dictionary<string, double>(StringComparer.Ordinal);
    }

    /// <summary>Most entries kept.</summary>
    public int Capacity => _capacity;

    /// <summary>Entries currently listed.</summary>
    public int Count => _count;

    /// <summary>
    /// Sets the key of the relationship with <paramref name="otherAccount"/>: moves it if listed,
    /// otherwise inserts it when there is room or it beats the last entry (which is then evicted).
    /// Returns whether it is listed afterwards.
    /// </summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">Its ranking key (not NaN; −∞ allowed for zero strength).</param>
    public bool Update(string otherAccount, double key)
    {
        ArgumentException.ThrowIfNullOrEmpty(otherAccount);
        if (double.IsNaN(key))
        {
            throw new ArgumentException("a ranking key cannot be NaN", nameof(key));
        }

        if (_keys.TryGetValue(otherAccount, out double oldKey))
        {
            int index = IndexOf(oldKey, otherAccount);
            if (oldKey.Equals(key))
            {
                return true;
            }

            RemoveAt(index);
            _keys[otherAccount] = key;
            InsertAt(FindInsertPosition(key, otherAccount), new Entry(key, otherAccount));
            return true;
        }

        int position = FindInsertPosition(key, otherAccount);
        if (_count == _capacity)
        {
            if (position >= _count)
            {
                return false;
            }

            _keys.Remove(_entries[_count - 1].Other);
            _count--;
        }

        _keys.Add(otherAccount, key);
        InsertAt(position, new Entry(key, otherAccount));
        return true;
    }

    /// <summary>Removes a relationship from the list; returns whether it was listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    public bool Remove(string otherAccount)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (!_keys.Remove(otherAccount, out double key))
        {
            return false;
        }

        RemoveAt(IndexOf(key, otherAccount));
        return true;
    }

    /// <summary>The 1-based rank of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="rank">The rank, or 0.</param>
    public bool TryGetRank(string otherAccount, out int rank)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (_keys.TryGetValue(otherAccount, out double key))
        {
            rank = IndexOf(key, otherAccount) + 1;
            return true;
        }

        rank = 0;
        return false;
    }

    /// <summary>The key of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">The key, or −∞.</param>
    public bool TryGetKey(string otherAccount, out double key)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (_keys.TryGetValue(otherAccount, out key))
        {
            return true;
        }

        key = double.NegativeInfinity;
        return false;
    }

    /// <summary>The first <paramref name="limit"/> entries, best first (a new array).</summary>
    /// <param name="limit">Most entries to return (≥ 0).</param>
    public RankedRelationship[] Top(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int n = Math.Min(limit, _count);
        var result = new RankedRelationship[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new RankedRelationship(_entries[i].Other, _entries[i].Key, i + 1);
        }

        return result;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _keys.Clear();
        _count = 0;
    }

    /// <summary>Copies the list into a plain snapshot (entries best first).</summary>
    public TopRelationshipsSnapshot Save()
    {
        var snapshot = new TopRelationshipsSnapshot
        {
            Capacity = _capacity,
            Others = new string[_count],
            Keys = new double[_count],
        };
        for (int i = 0; i < _count; i++)
        {
            snapshot.Others[i] = _entries[i].Other;
            snapshot.Keys[i] = _entries[i].Key;
        }

        return snapshot;
    }

    /// <summary>Rebuilds a list from a snapshot made by <see cref="Save"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static TopRelationships Load(TopRelationshipsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Others.Length != snapshot.Keys.Length)
        {
            throw new ArgumentException("Others and Keys must have the same length", nameof(snapshot));
        }

        var list = new TopRelationships(snapshot.Capacity);
        for (int i = 0; i < snapshot.Others.Length; i++)
        {
            list.Update(snapshot.Others[i], snapshot.Keys[i]);
        }

        return list;
    }

    /// <summary>Negative when (keyX, idX) ranks before (keyY, idY), 0 when equal.</summary>
    private static int Compare(double keyX, string idX, double keyY, string idY)
    {
        int c = keyY.CompareTo(keyX); // descending keys
        return c != 0 ? c : string.CompareOrdinal(idX, idY);
    }

    private int FindInsertPosition(double key, string other)
    {
        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_entries[mid].Key, _entries[mid].Other, key, other) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int IndexOf(double key, string other)
    {
        int index = FindInsertPosition(key, other);
        if (index >= _count || !string.Equals(_entries[index].Other, other, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("top relationships index out of sync with its map");
        }

        return index;
    }

    private void InsertAt(int index, Entry entry)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Min(_capacity, _entries.Length * 2));
        }

        if (index < _count)
        {
            Array.Copy(_entries, index, _entries, index + 1, _count - index);
        }

        _entries[index] = entry;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        if (index < _count)
        {
            Array.Copy(_entries, index + 1, _entries, index, _count - index);
        }

        _entries[_count] = default;
    }

    private readonly record struct Entry(double Key, string Other);
}
