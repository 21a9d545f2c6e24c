using System.Numerics;
using System.Runtime.Intrinsics;

namespace ScoringGrid.Scoring;

/// <summary>
/// The table form: each other account once, unsorted, with its key in each list (NaN where it is
/// not in that list); sorted only when a listing, a rank or a snapshot asks.
/// </summary>
public sealed partial class TopRelationships<TOther>
{
    private int TableIndexOf(TOther other) => Array.IndexOf(_others, other, 0, _entries);

    /// <summary>Sets a key in the table; false when the table was full and has become sorted regions instead.</summary>
    private bool TableUpdate(TOther other, double key, int list)
    {
        int entry = TableIndexOf(other);
        if (entry < 0)
        {
            entry = AddEntry(other);
            if (entry < 0)
            {
                return false;
            }
        }

        ref double slot = ref _keys[(list * _tableSize) + entry];
        if (double.IsNaN(slot))
        {
            _counts[list]++;
        }

        slot = key;
        return true;
    }

    /// <summary><see cref="UpdateAll"/> in the table; false when the table has become sorted regions instead.</summary>
    private bool TableUpdateAll(TOther other, ReadOnlySpan<double> keys)
    {
        int entry = TableIndexOf(other);
        if (entry < 0)
        {
            bool any = false;
            foreach (double key in keys)
            {
                any |= !double.IsNegativeInfinity(key);
            }

            if (!any)
            {
                return true; // not listed anywhere, and nothing to list
            }

            entry = AddEntry(other);
            if (entry < 0)
            {
                return false;
            }
        }

        bool listed = false;
        for (int list = 0; list < keys.Length; list++)
        {
            ref double slot = ref _keys[(list * _tableSize) + entry];
            double key = keys[list];
            if (double.IsNegativeInfinity(key))
            {
                if (!double.IsNaN(slot))
                {
                    slot = double.NaN;
                    _counts[list]--;
                }
            }
            else
            {
                if (double.IsNaN(slot))
                {
                    _counts[list]++;
                }

                slot = key;
                listed = true;
            }
        }

        if (!listed)
        {
            RemoveEntry(entry);
        }

        return true;
    }

    private bool TableRemove(TOther other, int list)
    {
        int entry = TableIndexOf(other);
        if (entry < 0)
        {
            return false;
        }

        ref double slot = ref _keys[(list * _tableSize) + entry];
        if (double.IsNaN(slot))
        {
            return false;
        }

        slot = double.NaN;
        _counts[list]--;
        for (int l = 0; l < _shape.Lists; l++)
        {
            if (!double.IsNaN(_keys[(l * _tableSize) + entry]))
            {
                return true;
            }
        }

        RemoveEntry(entry);
        return true;
    }

    /// <summary>1 + how many listed entries rank before the other account's; 0 when it is not in the list.</summary>
    private int TableRank(TOther other, int list)
    {
        int entry = TableIndexOf(other);
        if (entry < 0)
        {
            return 0;
        }

        int start = list * _tableSize;
        double key = _keys[start + entry];
        if (double.IsNaN(key))
        {
            return 0;
        }

        // Entries with a greater key rank before it; NaN (not in the list) compares false. Equal keys
        // (rare: ties) are settled by the tie-break in a second pass.
        ReadOnlySpan<double> keys = _keys.AsSpan(start, _entries);
        int greater = 0;
        int equal = 0;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var k = Vector256.Create(key);
            for (; j <= keys.Length - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var v = Vector256.Create(keys.Slice(j, Vector256<double>.Count));
                greater += BitOperations.PopCount(Vector256.GreaterThan(v, k).ExtractMostSignificantBits());
                equal += BitOperations.PopCount(Vector256.Equals(v, k).ExtractMostSignificantBits());
            }
        }

        for (; j < keys.Length; j++)
        {
            greater += keys[j] > key ? 1 : 0;
            equal += keys[j] == key ? 1 : 0;
        }

        int rank = 1 + greater;
        if (equal > 1)
        {
            for (j = 0; j < keys.Length; j++)
            {
                if (keys[j] == key && j != entry && _shape.TieBreak.Compare(_others[j], other) < 0)
                {
                    rank++;
                }
            }
        }

        return rank;
    }

    /// <summary>Fills <paramref name="result"/> with the list's best entries, best first.</summary>
    private void TableTop(int list, Span<RankedRelationship<TOther>> result)
    {
        if (result.IsEmpty)
        {
            return;
        }

        // A short listing of a longer list (a top 10 of 100) keeps the best entries in one pass; else the list is sorted.
        bool select = result.Length * 4 <= _counts[list];
        Span<int> order = stackalloc int[select ? result.Length : _counts[list]]; // at most MaxTableEntries
        if (select)
        {
            SelectBest(list, order);
        }
        else
        {
            SortListed(list, order);
        }

        int start = list * _tableSize;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new RankedRelationship<TOther>(_others[order[i]], _keys[start + order[i]], i + 1);
        }
    }

    /// <summary>
    /// The list's best <paramref name="best"/>.Length entries (it has at least that many), best first:
    /// one pass keeping the best seen in order, instead of sorting them all.
    /// </summary>
    private void SelectBest(int list, Span<int> best)
    {
        int start = list * _tableSize;
        int limit = best.Length;
        int have = 0;
        for (int j = 0; j < _entries; j++)
        {
            double key = _keys[start + j];
            if (double.IsNaN(key))
            {
                continue;
            }

            if (have == limit && Compare(key, _others[j], _keys[start + best[limit - 1]], _others[best[limit - 1]]) >= 0)
            {
                continue; // not better than the worst kept
            }

            int position = have == limit ? limit - 1 : have++; // when full, the worst kept makes room
            while (position > 0 && Compare(key, _others[j], _keys[start + best[position - 1]], _others[best[position - 1]]) < 0)
            {
                best[position] = best[position - 1];
                position--;
            }

            best[position] = j;
        }
    }

    /// <summary>
    /// The table's entries in one list (exactly <c>_counts[list]</c> of them), sorted best first:
    /// by key with the runtime's sort of primitive keys, then each run of equal keys by the tie-break.
    /// </summary>
    private void SortListed(int list, Span<int> order)
    {
        int start = list * _tableSize;
        int n = order.Length;
        Span<double> descending = stackalloc double[n]; // at most MaxTableEntries
        int found = 0;
        for (int j = 0; j < _entries; j++)
        {
            double key = _keys[start + j];
            if (!double.IsNaN(key))
            {
                descending[found] = -key; // ascending order of −key is best first; −∞ becomes +∞, last
                order[found++] = j;
            }
        }

        descending.Sort(order);
        for (int i = 0; i < n;)
        {
            int end = i + 1;
            while (end < n && descending[end] == descending[i])
            {
                end++;
            }

            if (end - i > 1)
            {
                order[i..end].Sort(new OtherOrder(this));
            }

            i = end;
        }
    }

    /// <summary>Appends an other account with no key in any list; −1 when the table is full and has become sorted regions.</summary>
    private int AddEntry(TOther other)
    {
        if (_entries == _shape.TableLimit)
        {
            ConvertToRegions();
            return -1;
        }

        if (_entries == _tableSize)
        {
            GrowTable();
        }

        _others[_entries] = other;
        return _entries++;
    }

    /// <summary>Drops an entry in no list: the last entry takes its place.</summary>
    private void RemoveEntry(int entry)
    {
        int last = --_entries;
        if (entry != last)
        {
            _others[entry] = _others[last];
            for (int l = 0; l < _shape.Lists; l++)
            {
                _keys[(l * _tableSize) + entry] = _keys[(l * _tableSize) + last];
            }
        }

        _others[last] = default!;
        for (int l = 0; l < _shape.Lists; l++)
        {
            _keys[(l * _tableSize) + last] = double.NaN;
        }
    }

    /// <summary>
    /// Makes room for more entries: four more while small, then a quarter more, up to the table's
    /// limit. Three keys and a name per entry make the table most of an account's memory, so it grows
    /// in small steps; each step copies at most a few kilobytes.
    /// </summary>
    private void GrowTable()
    {
        int size = Math.Min(_shape.TableLimit, _tableSize + Math.Max(InitialSize, _tableSize / 4));
        var keys = new double[_shape.Lists * size];
        Array.Fill(keys, double.NaN);
        for (int l = 0; l < _shape.Lists; l++)
        {
            Array.Copy(_keys, l * _tableSize, keys, l * size, _entries);
        }

        var others = new TOther[size];
        Array.Copy(_others, others, _entries);
        _keys = keys;
        _others = others;
        _tableSize = size;
    }

    /// <summary>Sorts the table into one region per list, each sized to its entries (up to the capacity); the table form ends for good.</summary>
    private void ConvertToRegions()
    {
        PerList sizes = default;
        int total = 0;
        for (int l = 0; l < _shape.Lists; l++)
        {
            sizes[l] = Math.Min(_shape.Capacity, Math.Max(InitialSize, (int)BitOperations.RoundUpToPowerOf2((uint)_counts[l] + 1)));
            total += sizes[l];
        }

        var keys = new double[total];
        var others = new TOther[total];
        Span<int> order = stackalloc int[_entries]; // at most MaxTableEntries
        int regionStart = 0;
        for (int l = 0; l < _shape.Lists; l++)
        {
            int n = _counts[l];
            SortListed(l, order[..n]);
            for (int i = 0; i < n; i++)
            {
                keys[regionStart + i] = _keys[(l * _tableSize) + order[i]];
                others[regionStart + i] = _others[order[i]];
            }

            _starts[l] = regionStart;
            regionStart += sizes[l];
        }

        _keys = keys;
        _others = others;
        _entries = 0;
        _tableSize = 0;
    }

    /// <summary>Orders table entries by their other accounts, as the tie-break orders them.</summary>
    private readonly struct OtherOrder(TopRelationships<TOther> owner) : IComparer<int>
    {
        public int Compare(int x, int y) => owner._shape.TieBreak.Compare(owner._others[x], owner._others[y]);
    }
}
