using System.Diagnostics.CodeAnalysis;
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
/// Storage has two forms. While the lists together name at most the capacity of other accounts
/// (most accounts; and at most <see cref="MaxTableEntries"/>), they are one unsorted table: each other account once, with its key in each list
/// (or none). An update is one search of the table and a store; a listing, a rank or a snapshot
/// sorts or counts what it needs when asked. No list can be full then, so nothing is ever evicted
/// and the table answers exactly what sorted lists would. When one more other account arrives, the
/// table is sorted into the second form for good: two arrays (keys, others) shared by the lists,
/// each list a region sorted by (key desc, other asc). Finding an entry is a linear search of a
/// region's others (vectorised for primitive handles; at most the capacity), placing it a binary
/// search of its keys, and moving it one block copy of the entries between its old and new places.
/// Each region grows on its own (doubling, up to the capacity); updates do not allocate once a
/// region has reached the capacity.
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
public sealed partial class TopRelationships<TOther>
    where TOther : IEquatable<TOther>
{
    /// <summary>Most lists one instance holds.</summary>
    public const int MaxLists = 4;

    /// <summary>
    /// Most other accounts the table form holds, whatever the capacity: a listing sorts the table
    /// when asked, so it stays small enough to sort on the stack in a few microseconds.
    /// </summary>
    public const int MaxTableEntries = 256;

    /// <summary>Entries allocated per list at first; storage grows to the capacity.</summary>
    private const int InitialSize = 4;

    private static Shape? s_lastShape; // shared by every instance of the same shape: the server makes millions

    private readonly Shape _shape;
    private double[] _keys;
    private TOther[] _others;
    private PerList _counts; // entries per list, in either form

    // Sorted regions.
    private PerList _starts; // where each list's region begins; the regions lie in list order, back to back

    // Table: _others[0.._entries), each list's keys at _keys[list * _tableSize + entry], NaN where the entry is not in that list.
    // _tableSize is 0 exactly when the sorted regions are in use.
    private int _entries;
    private int _tableSize;

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
        : this(capacity, tieBreak, lists, tableLimit: Math.Min(capacity, MaxTableEntries))
    {
    }

    /// <summary>Creates empty lists that use the table form for at most <paramref name="tableLimit"/> other accounts (0: never).</summary>
    internal TopRelationships(int capacity, IComparer<TOther> tieBreak, int lists, int tableLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(tieBreak);
        ArgumentOutOfRangeException.ThrowIfLessThan(lists, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lists, MaxLists);
        ArgumentOutOfRangeException.ThrowIfNegative(tableLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tableLimit, Math.Min(capacity, MaxTableEntries));
        _shape = Shape.Of(capacity, lists, tableLimit, tieBreak);
        Reset();
    }

    /// <summary>Most entries kept per list.</summary>
    public int Capacity => _shape.Capacity;

    /// <summary>How many lists the instance holds.</summary>
    public int Lists => _shape.Lists;

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

        CheckList(list);
        if (Tabled && TableUpdate(otherAccount, key, list))
        {
            return true;
        }

        return RegionUpdate(otherAccount, key, list);
    }

    /// <summary>
    /// Sets the relationship's key in every list at once (<paramref name="keys"/>[list]), as
    /// <see cref="Update"/> would one list at a time, except that a key of −∞ removes it from that
    /// list (<see cref="Remove"/>): the server's way, where −∞ means no engagement that way at all.
    /// </summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="keys">One key per list (not NaN).</param>
    public void UpdateAll(TOther otherAccount, ReadOnlySpan<double> keys)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        if (keys.Length != _shape.Lists)
        {
            throw new ArgumentException($"one key per list: {_shape.Lists} expected, {keys.Length} given", nameof(keys));
        }

        foreach (double key in keys)
        {
            if (double.IsNaN(key))
            {
                throw new ArgumentException("a ranking key cannot be NaN", nameof(keys));
            }
        }

        if (Tabled && TableUpdateAll(otherAccount, keys))
        {
            return;
        }

        for (int list = 0; list < keys.Length; list++)
        {
            if (double.IsNegativeInfinity(keys[list]))
            {
                RegionRemove(otherAccount, list);
            }
            else
            {
                RegionUpdate(otherAccount, keys[list], list);
            }
        }
    }

    /// <summary>Removes a relationship from a list; returns whether it was listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool Remove(TOther otherAccount, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        CheckList(list);
        return Tabled ? TableRemove(otherAccount, list) : RegionRemove(otherAccount, list);
    }

    /// <summary>The 1-based rank of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="rank">The rank, or 0.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool TryGetRank(TOther otherAccount, out int rank, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        CheckList(list);
        rank = Tabled ? TableRank(otherAccount, list) : IndexOf(_starts[list], _counts[list], otherAccount) + 1;
        return rank > 0;
    }

    /// <summary>The key of a listed relationship; false when not listed.</summary>
    /// <param name="otherAccount">The other account of the relationship.</param>
    /// <param name="key">The key, or −∞.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public bool TryGetKey(TOther otherAccount, out double key, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(otherAccount);
        CheckList(list);
        if (Tabled)
        {
            int entry = TableIndexOf(otherAccount);
            key = entry >= 0 ? _keys[(list * _tableSize) + entry] : double.NaN;
            if (double.IsNaN(key))
            {
                key = double.NegativeInfinity;
                return false;
            }

            return true;
        }

        int start = _starts[list];
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
        var result = new RankedRelationship<TOther>[Math.Min(limit, CountOf(list))];
        Top(result, list);
        return result;
    }

    /// <summary>
    /// The first entries of a list, best first, copied into <paramref name="destination"/> (as many
    /// as it holds, or as the list has); allocates nothing.
    /// </summary>
    /// <param name="destination">Where the entries go; its length is the most copied.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    /// <returns>How many entries were copied.</returns>
    public int Top(Span<RankedRelationship<TOther>> destination, int list = 0)
    {
        CheckList(list);
        int n = Math.Min(destination.Length, _counts[list]);
        var result = destination[..n];
        if (Tabled)
        {
            TableTop(list, result);
            return n;
        }

        int start = _starts[list];
        for (int i = 0; i < n; i++)
        {
            result[i] = new RankedRelationship<TOther>(_others[start + i], _keys[start + i], i + 1);
        }

        return n;
    }

    /// <summary>Removes every entry of every list.</summary>
    public void Clear() => Reset();

    /// <summary>Copies a list into a plain snapshot (entries best first), naming each other account by id.</summary>
    /// <param name="idOf">The id of an other account.</param>
    /// <param name="list">The list (0-based; default the first).</param>
    public TopRelationshipsSnapshot Save(Func<TOther, string> idOf, int list = 0)
    {
        ArgumentNullException.ThrowIfNull(idOf);
        RankedRelationship<TOther>[] entries = Top(int.MaxValue, list);
        var snapshot = new TopRelationshipsSnapshot
        {
            Capacity = _shape.Capacity,
            Others = new string[entries.Length],
            Keys = new double[entries.Length],
        };
        for (int i = 0; i < entries.Length; i++)
        {
            snapshot.Others[i] = idOf(entries[i].Other);
            snapshot.Keys[i] = entries[i].Key;
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

    /// <summary>Whether the table form is in use (for tests).</summary>
    internal bool IsTable => Tabled;

    private int CheckList(int list) => (uint)list < (uint)_shape.Lists ? list : throw new ArgumentOutOfRangeException(nameof(list), list, $"must be within 0..{_shape.Lists - 1}");

    /// <summary>Whether the table form is in use.</summary>
    private bool Tabled => _tableSize > 0;

    /// <summary>Entries allocated to a list's region: up to where the next region begins (the regions lie back to back).</summary>
    private int RegionSize(int list) => (list + 1 < _shape.Lists ? _starts[list + 1] : _keys.Length) - _starts[list];

    /// <summary>Negative when (keyX, x) ranks before (keyY, y), 0 when equal.</summary>
    private int Compare(double keyX, TOther x, double keyY, TOther y)
    {
        int c = keyY.CompareTo(keyX); // descending keys
        return c != 0 ? c : _shape.TieBreak.Compare(x, y);
    }

    /// <summary>Empties the lists: the table form when allowed, else small sorted regions.</summary>
    [MemberNotNull(nameof(_keys), nameof(_others))]
    private void Reset()
    {
        int size = Math.Min(_shape.Capacity, InitialSize);
        _counts = default;
        _entries = 0;
        _tableSize = 0;
        if (_shape.TableLimit > 0)
        {
            _tableSize = Math.Min(_shape.TableLimit, InitialSize);
            _others = new TOther[_tableSize];
            _keys = new double[_shape.Lists * _tableSize];
            Array.Fill(_keys, double.NaN);
            return;
        }

        for (int list = 0; list < _shape.Lists; list++)
        {
            _starts[list] = list * size;
        }

        _keys = new double[_shape.Lists * size];
        _others = new TOther[_shape.Lists * size];
    }

    /// <summary>What instances of the same capacity, lists, table limit and tie-break share.</summary>
    private sealed class Shape(int capacity, int lists, int tableLimit, IComparer<TOther> tieBreak)
    {
        public readonly int Capacity = capacity;
        public readonly int Lists = lists;
        public readonly int TableLimit = tableLimit; // most other accounts the table form holds (0: sorted regions from the start)
        public readonly IComparer<TOther> TieBreak = tieBreak;

        /// <summary>The last shape made when it matches (as a server's accounts all do), else a new one.</summary>
        public static Shape Of(int capacity, int lists, int tableLimit, IComparer<TOther> tieBreak)
        {
            if (s_lastShape is { } last && last.Capacity == capacity && last.Lists == lists && last.TableLimit == tableLimit && ReferenceEquals(last.TieBreak, tieBreak))
            {
                return last;
            }

            var shape = new Shape(capacity, lists, tableLimit, tieBreak);
            s_lastShape = shape;
            return shape;
        }
    }

    [InlineArray(MaxLists)]
    private struct PerList
    {
        private int _element0;
    }
}
