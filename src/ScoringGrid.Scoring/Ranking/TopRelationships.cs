namespace ScoringGrid.Scoring;

/// <summary>
/// An account's best relationships by ranking key, bounded to a capacity (default 150), kept
/// incrementally: no scan of all relationships, ever.
/// </summary>
/// <typeparam name="TOther">
/// How the other account of each relationship is named: an id string, or a compact handle (the
/// server uses <see cref="int"/> handles, so the list holds no references the garbage collector
/// must trace and is searched with vector instructions).
/// </typeparam>
/// <remarks>
/// <para>
/// Order: higher key first; equal keys by the other account, as the tie-break comparer orders them
/// (the design orders by the other account's id, ordinal). Keys are forward-decayed
/// (<see cref="RelationshipState.StrengthKey"/>), so the order never changes with the clock and
/// nothing needs re-sorting as time passes.
/// </para>
/// <para>
/// Entries live in two parallel arrays sorted by (key desc, other asc): finding an entry is a linear
/// search of the others (vectorised for primitive handles; at most the capacity), placing it a binary
/// search of the keys, moving it one block copy. Storage grows with the number of entries
/// (doubling), so updates do not allocate once it has reached the capacity.
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
public sealed class TopRelationships<TOther>
    where TOther : IEquatable<TOther>
{
    /// <summary>Entries allocated at first; the arrays double up to the capacity.</summary>
    private const int InitialSize = 4;

    private readonly int _capacity;
    private readonly IComparer<TOther> _tieBreak;
    private double[] _keys;
    private TOther[] _others;
    private int _count;

    /// <summary>Creates an empty list with the model's capacity.</summary>
    /// <param name="model">Supplies <see cref="ScoringModel.TopRelationshipsCapacity"/>.</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal (by id, ordinal).</param>
    public TopRelationships(ScoringModel model, IComparer<TOther> tieBreak)
        : this((model ?? throw new ArgumentNullException(nameof(model))).TopRelationshipsCapacity, tieBreak)
    {
    }

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacity">Most entries kept (≥ 1).</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal (by id, ordinal).</param>
    public TopRelationships(int capacity, IComparer<TOther> tieBreak)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(tieBreak);
        // Most accounts have a handful of relationships: start small and grow to the capacity.
        _capacity = capacity;
        _tieBreak = tieBreak;
        int initial = Math.Min(capacity, InitialSize);
        _keys = new double[initial];
        _others = new TOther[initial];
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
    public bool Update(TOther otherAccount, double key)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (double.IsNaN(key))
        {
            throw new ArgumentException("a ranking key cannot be NaN", nameof(key));
        }

        int index = IndexOf(otherAccount);
        if (index >= 0)
        {
            if (_keys[index].Equals(key))
            {
                return true;
            }

            RemoveAt(index);
            InsertAt(FindInsertPosition(key, otherAccount), key, otherAccount);
            return true;
        }

        int position = FindInsertPosition(key, otherAccount);
        if (_count == _capacity)
        {
            if (position >= _count)
            {
                return false;
            }

            RemoveAt(_count - 1);
        }

        InsertAt(position, key, otherAccount);
        return true;
    }

    /// <summary>Removes a relationship from the list; returns whether it was listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    public bool Remove(TOther otherAccount)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        int index = IndexOf(otherAccount);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    /// <summary>The 1-based rank of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="rank">The rank, or 0.</param>
    public bool TryGetRank(TOther otherAccount, out int rank)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        rank = IndexOf(otherAccount) + 1;
        return rank > 0;
    }

    /// <summary>The key of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">The key, or −∞.</param>
    public bool TryGetKey(TOther otherAccount, out double key)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        int index = IndexOf(otherAccount);
        key = index >= 0 ? _keys[index] : double.NegativeInfinity;
        return index >= 0;
    }

    /// <summary>The first <paramref name="limit"/> entries, best first (a new array).</summary>
    /// <param name="limit">Most entries to return (≥ 0).</param>
    public RankedRelationship<TOther>[] Top(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int n = Math.Min(limit, _count);
        var result = new RankedRelationship<TOther>[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new RankedRelationship<TOther>(_others[i], _keys[i], i + 1);
        }

        return result;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        Array.Clear(_others, 0, _count);
        _count = 0;
    }

    /// <summary>Copies the list into a plain snapshot (entries best first), naming each other account by id.</summary>
    /// <param name="idOf">The id of an other account.</param>
    public TopRelationshipsSnapshot Save(Func<TOther, string> idOf)
    {
        ArgumentNullException.ThrowIfNull(idOf);
        var snapshot = new TopRelationshipsSnapshot
        {
            Capacity = _capacity,
            Others = new string[_count],
            Keys = new double[_count],
        };
        for (int i = 0; i < _count; i++)
        {
            snapshot.Others[i] = idOf(_others[i]);
            snapshot.Keys[i] = _keys[i];
        }

        return snapshot;
    }

    /// <summary>Rebuilds a list from a snapshot made by <see cref="Save"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="otherOf">The other account named by an id.</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal.</param>
    public static TopRelationships<TOther> Load(TopRelationshipsSnapshot snapshot, Func<string, TOther> otherOf, IComparer<TOther> tieBreak)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(otherOf);
        if (snapshot.Others.Length != snapshot.Keys.Length)
        {
            throw new ArgumentException("Others and Keys must have the same length", nameof(snapshot));
        }

        var list = new TopRelationships<TOther>(snapshot.Capacity, tieBreak);
        for (int i = 0; i < snapshot.Others.Length; i++)
        {
            list.Update(otherOf(snapshot.Others[i]), snapshot.Keys[i]);
        }

        return list;
    }

    private int IndexOf(TOther other) => Array.IndexOf(_others, other, 0, _count);

    /// <summary>Negative when (keyX, x) ranks before (keyY, y), 0 when equal.</summary>
    private int Compare(double keyX, TOther x, double keyY, TOther y)
    {
        int c = keyY.CompareTo(keyX); // descending keys
        return c != 0 ? c : _tieBreak.Compare(x, y);
    }

    private int FindInsertPosition(double key, TOther other)
    {
        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_keys[mid], _others[mid], key, other) < 0)
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

    private void InsertAt(int index, double key, TOther other)
    {
        if (_count == _keys.Length)
        {
            int size = Math.Min(_capacity, _keys.Length * 2);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _others, size);
        }

        if (index < _count)
        {
            Array.Copy(_keys, index, _keys, index + 1, _count - index);
            Array.Copy(_others, index, _others, index + 1, _count - index);
        }

        _keys[index] = key;
        _others[index] = other;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        if (index < _count)
        {
            Array.Copy(_keys, index + 1, _keys, index, _count - index);
            Array.Copy(_others, index + 1, _others, index, _count - index);
        }

        _others[_count] = default!;
    }
}
