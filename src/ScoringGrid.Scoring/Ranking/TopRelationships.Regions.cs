namespace ScoringGrid.Scoring;

/// <summary>The sorted form: each list a region of the shared arrays, sorted by (key desc, other asc).</summary>
public sealed partial class TopRelationships<TOther>
{
    private bool RegionUpdate(TOther otherAccount, double key, int list)
    {
        int start = _starts[list];
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
        if (count == _shape.Capacity)
        {
            if (position >= count)
            {
                return false;
            }

            count--; // the last entry is evicted: the insert below overwrites it
            _counts[list] = count;
        }
        else if (count == RegionSize(list))
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

    private bool RegionRemove(TOther otherAccount, int list)
    {
        int start = _starts[list];
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

    private int IndexOf(int start, int count, TOther other) => Array.IndexOf(_others, other, start, count) is var i and >= 0 ? i - start : -1;

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
        PerList sizes = default;
        int total = 0;
        for (int list = 0; list < _shape.Lists; list++)
        {
            sizes[list] = list == grown ? Math.Min(_shape.Capacity, RegionSize(list) * 2) : RegionSize(list);
            total += sizes[list];
        }

        var keys = new double[total];
        var others = new TOther[total];
        int start = 0;
        for (int list = 0; list < _shape.Lists; list++)
        {
            Array.Copy(_keys, _starts[list], keys, start, _counts[list]);
            Array.Copy(_others, _starts[list], others, start, _counts[list]);
            _starts[list] = start;
            start += sizes[list];
        }

        _keys = keys;
        _others = others;
    }
}
