using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// An account's best relationships by ranking key, bounded to a capacity (default 150), kept
/// incrementally: no scan of all relationships, ever. One instance can hold several such lists
/// over the same relationships (the server keeps three: by strength, by engagement received, by
/// engagement given), sharing its storage.
/// </summary>
/// <typeparam name="TOther">
/// How the other account of each relationship is named: an id string, or a compact handle (the
/// server uses <see cref="int"/> handles, so the lists hold no references the garbage collector
/// must trace and are searched with vector instructions).
/// </typeparam>
/// <remarks>
/// <para>
/// Order: higher key first; equal keys by the other account, as the tie-break comparer orders them
/// (the design orders by the other account's id, ordinal). Keys are forward-decayed
/// (<see cref="RelationshipState.StrengthKey"/>), so the order never changes with the clock and
/// nothing needs re-sorting as time passes.
/// </para>
/// <para>
/// Storage: two arrays (keys, others) shared by the lists, each list a region of them sorted by
/// (key desc, other asc). Finding an entry is a linear search of a region's others (vectorised for
/// primitive handles; at most the capacity), placing it a binary search of its keys, and moving it
/// one block copy of the entries between its old and new places. Each list's region grows on its own
/// (doubling, up to the capacity), so a list with few entries does not reserve as much as the
/// longest; updates do not allocate once a region has reached the capacity.
/// </para>
/// <para>
/// Guarantee: when no listed pair's key ever decreases (the normal case: forward-decayed keys only grow,
/// except after a negative weight such as UNFOLLOW), a list holds exactly the capacity best pairs of
/// all pairs ever updated. A listed pair whose key drops stays listed at its new place, and a slot freed by
/// <see cref="Remove"/> is refilled only by the next update of an unlisted pair; an evicted pair comes back
/// on its next update if it then qualifies. Exactness after decreases would need a scan, which the design rules out.
/// </para>
/// <para>Serialisation: <see cref="Save"/>, and <c>Load</c>, one list at a time.</para>
/// </remarks>
public sealed class TopRelationships<TOther>
    where TOther : IEquatable<TOther>
{
    /// <summary>Most lists one instance holds.</summary>
    public const int MaxLists = 4;

    /// <summary>Entries allocated per list at first; regions double up to the capacity.</summary>
    private const int InitialSize = 4;

    private readonly int _capacity;
    private readonly int _lists;
    private readonly IComparer<TOther> _tieBreak;
    private double[] _keys;
    private TOther[] _others;
    private PerList _counts; // entries per list
    private PerList _starts; // where each list's region begins
    private PerList _sizes; // entries allocated to each list

    /// <summary>Creates one empty list with the model's capacity.</summary>
    /// <param name="model">Supplies <see cref="ScoringModel.TopRelationshipsCapacity"/>.</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal (by id, ordinal).</param>
    /// <param name="lists">How many lists (1 to <see cref="MaxLists"/>).</param>
    public TopRelationships(ScoringModel model, IComparer<TOther> tieBreak, int lists = 1)
        : this((model ?? throw new ArgumentNullException(nameof(model))).TopRelationshipsCapacity, tieBreak, lists)
    {
    }

    /// <summary>Creates empty lists.</summary>
    /// <param name="capacity">Most entries kept per list (≥ 1).</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal (by id, ordinal).</param>
    /// <param name="lists">How many lists (1 to <see cref="MaxLists"/>).</param>
    public TopRelationships(int capacity, IComparer<TOther> tieBreak, int lists = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(tieBreak);
        ArgumentOutOfRangeException.ThrowIfLessThan(lists, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lists, MaxLists);
        // Most accounts have a handful of relationships: start small and grow to the capacity.
        _capacity = capacity;
        _lists = lists;
        _tieBreak = tieBreak;
        int size = Math.Min(capacity, InitialSize);
        for (int list = 0; list < lists; list++)
        {
            _starts[list] = list * size;
            _sizes[list] = size;
        }

        _keys = new double[lists * size];
        _others = new TOther[lists * size];
    }

    /// <summary>Most entries kept per list.</summary>
    public int Capacity => _capacity;

    /// <summary>How many lists the instance holds.</summary>
    public int Lists => _lists;

    /// <summary>Entries currently in the first list.</summary>
    public int Count => _counts[0];

    /// <summary>Entries currently in a list.</summary>
    /// <param name="list">The list (0-based).</param>
    public int CountOf(int list) => _counts[CheckList(list)];

    /// <summary>
    /// Sets the key of the relationship with <paramref name="otherAccount"/> in a list: moves it if
    /// listed, otherwise inserts it when there is room or it beats the last entry (which is then
    /// evicted). Returns whether it is listed afterwards.
    /// </summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">Its ranking key (not NaN; −∞ allowed for zero strength).</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool Update(TOther otherAccount, double key, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (double.IsNaN(key))
        {
            throw new ArgumentException("a ranking key cannot be NaN", nameof(key));
        }

        int start = _starts[CheckList(list)];
        int count = _counts[list];
        int index = IndexOf(start, count, otherAccount);
        if (index >= 0)
        {
            if (!_keys[start + index].Equals(key))
            {
                Move(start, count, index, key);
            }

            return true;
        }

        int position = FindInsertPosition(start, count, key, otherAccount);
        if (count == _capacity)
        {
            if (position >= count)
            {
                return false;
            }

            count--; // the last entry is evicted: the insert below overwrites it
            _counts[list] = count;
        }
        else if (count == _sizes[list])
        {
            Grow(list);
            start = _starts[list];
        }

        Array.Copy(_keys, start + position, _keys, start + position + 1, count - position);
        Array.Copy(_others, start + position, _others, start + position + 1, count - position);
        _keys[start + position] = key;
        _others[start + position] = otherAccount;
        _counts[list] = count + 1;
        return true;
    }

    /// <summary>Removes a relationship from a list; returns whether it was listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool Remove(TOther otherAccount, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        int start = _starts[CheckList(list)];
        int count = _counts[list];
        int index = IndexOf(start, count, otherAccount);
        if (index < 0)
        {
            return false;
        }

        Array.Copy(_keys, start + index + 1, _keys, start + index, count - index - 1);
        Array.Copy(_others, start + index + 1, _others, start + index, count - index - 1);
        _others[start + count - 1] = default!;
        _counts[list] = count - 1;
        return true;
    }

    /// <summary>The 1-based rank of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="rank">The rank, or 0.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool TryGetRank(TOther otherAccount, out int rank, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        rank = IndexOf(_starts[CheckList(list)], _counts[list], otherAccount) + 1;
        return rank > 0;
    }

    /// <summary>The key of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">The key, or −∞.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool TryGetKey(TOther otherAccount, out double key, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        int start = _starts[CheckList(list)];
        int index = IndexOf(start, _counts[list], otherAccount);
        key = index >= 0 ? _keys[start + index] : double.NegativeInfinity;
        return index >= 0;
    }

    /// <summary>The first <paramref name="limit"/> entries of a list, best first (a new array).</summary>
    /// <param name="limit">Most entries to return (≥ 0).</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public RankedRelationship<TOther>[] Top(int limit, int list = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int start = _starts[CheckList(list)];
        int n = Math.Min(limit, _counts[list]);
        var result = new RankedRelationship<TOther>[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new RankedRelationship<TOther>(_others[start + i], _keys[start + i], i + 1);
        }

        return result;
    }

    /// <summary>Removes every entry of every list.</summary>
    public void Clear()
    {
        Array.Clear(_others);
        _counts = default;
    }

    /// <summary>Copies a list into a plain snapshot (entries best first), naming each other account by id.</summary>
    /// <param name="idOf">The id of an other account.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public TopRelationshipsSnapshot Save(Func<TOther, string> idOf, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(idOf);
        int start = _starts[CheckList(list)];
        int count = _counts[list];
        var snapshot = new TopRelationshipsSnapshot
        {
            Capacity = _capacity,
            Others = new string[count],
            Keys = new double[count],
        };
        for (int i = 0; i < count; i++)
        {
            snapshot.Others[i] = idOf(_others[start + i]);
            snapshot.Keys[i] = _keys[start + i];
        }

        return snapshot;
    }

    /// <summary>Rebuilds a single list from a snapshot made by <see cref="Save"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="otherOf">The other account named by an id.</param>
    /// <param name="tieBreak">Orders two other accounts whose keys are equal.</param>
    public static TopRelationships<TOther> Load(TopRelationshipsSnapshot snapshot, Func<string, TOther> otherOf, IComparer<TOther> tieBreak)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lists = new TopRelationships<TOther>(snapshot.Capacity, tieBreak);
        lists.Load(0, snapshot, otherOf);
        return lists;
    }

    /// <summary>Fills one list from a snapshot made by <see cref="Save"/> (the list's capacity stays this instance's).</summary>
    /// <param name="list">The list (0-based).</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="otherOf">The other account named by an id.</param>
    public void Load(int list, TopRelationshipsSnapshot snapshot, Func<string, TOther> otherOf)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(otherOf);
        if (snapshot.Others.Length != snapshot.Keys.Length)
        {
            throw new ArgumentException("Others and Keys must have the same length", nameof(snapshot));
        }

        for (int i = 0; i < snapshot.Others.Length; i++)
        {
            Update(otherOf(snapshot.Others[i]), snapshot.Keys[i], list);
        }
    }

    private int CheckList(int list) => (uint)list < (uint)_lists ? list : throw new ArgumentOutOfRangeException(nameof(list), list, $"must be within 0..{_lists - 1}");

    private int IndexOf(int start, int count, TOther other) => Array.IndexOf(_others, other, start, count) is var i and >= 0 ? i - start : -1;

    /// <summary>Negative when (keyX, x) ranks before (keyY, y), 0 when equal.</summary>
    private int Compare(double keyX, TOther x, double keyY, TOther y)
    {
        int c = keyY.CompareTo(keyX); // descending keys
        return c != 0 ? c : _tieBreak.Compare(x, y);
    }

    /// <summary>Where (key, other) belongs among the first <paramref name="count"/> entries of a region.</summary>
    private int FindInsertPosition(int start, int count, double key, TOther other)
    {
        int lo = 0;
        int hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_keys[start + mid], _others[start + mid], key, other) < 0)
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

    /// <summary>Gives the entry at <paramref name="index"/> a new key, shifting only the entries it passes.</summary>
    private void Move(int start, int count, int index, double key)
    {
        TOther other = _others[start + index];
        int target;
        if (Compare(key, other, _keys[start + index], other) < 0)
        {
            // Better: it moves towards the front, among the entries before it.
            target = FindInsertPosition(start, index, key, other);
            Array.Copy(_keys, start + target, _keys, start + target + 1, index - target);
            Array.Copy(_others, start + target, _others, start + target + 1, index - target);
        }
        else
        {
            // Worse: it moves back, among the entries after it.
            int after = index + 1;
            target = after + FindInsertPosition(start + after, count - after, key, other) - 1;
            Array.Copy(_keys, start + index + 1, _keys, start + index, target - index);
            Array.Copy(_others, start + index + 1, _others, start + index, target - index);
        }

        _keys[start + target] = key;
        _others[start + target] = other;
    }

    /// <summary>Doubles one list's region (up to the capacity), keeping every list's entries.</summary>
    private void Grow(int grown)
    {
        // The old regions are found by their starts and counts, so the size can change first.
        _sizes[grown] = Math.Min(_capacity, _sizes[grown] * 2);
        int total = 0;
        for (int list = 0; list < _lists; list++)
        {
            total += _sizes[list];
        }

        var keys = new double[total];
        var others = new TOther[total];
        int start = 0;
        for (int list = 0; list < _lists; list++)
        {
            Array.Copy(_keys, _starts[list], keys, start, _counts[list]);
            Array.Copy(_others, _starts[list], others, start, _counts[list]);
            _starts[list] = start;
            start += _sizes[list];
        }

        _keys = keys;
        _others = others;
    }

    [InlineArray(MaxLists)]
    private struct PerList
    {
        private int _element0;
    }
}
