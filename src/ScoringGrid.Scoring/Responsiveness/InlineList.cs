namespace ScoringGrid.Scoring;

/// <summary>
/// A list kept inline in its owner: an array and a count, with no list object of its own. The first
/// array holds one element and grows by doubling (most timelines hold one or two events). A mutable
/// struct: use it through the owner's field, never through a copy.
/// </summary>
/// <typeparam name="T">The element.</typeparam>
internal struct InlineList<T>
{
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    /// <summary>The elements in order.</summary>
    public readonly Span<T> Span => new(_items, 0, _count);

    /// <summary>The element at <paramref name="index"/>, by reference (valid until the next insertion).</summary>
    public readonly ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _items![index];
        }
    }

    /// <summary>The last element, by reference; the list must not be empty.</summary>
    public readonly ref T Last => ref this[_count - 1];

    public void Add(in T item) => Insert(_count, item);

    public void Insert(int index, in T item)
    {
        if ((uint)index > (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        T[]? items = _items;
        if (items is null || _count == items.Length)
        {
            var grown = new T[items is null ? 1 : items.Length * 2];
            if (items is not null)
            {
                Array.Copy(items, grown, index);
                Array.Copy(items, index, grown, index + 1, _count - index);
            }

            _items = items = grown;
        }
        else if (index < _count)
        {
            Array.Copy(items, index, items, index + 1, _count - index);
        }

        items[index] = item;
        _count++;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        T[] items = _items!;
        _count--;
        Array.Copy(items, index + 1, items, index, _count - index);
        items[_count] = default!;
    }

    /// <summary>Removes the first <paramref name="count"/> elements.</summary>
    public void RemoveFirst(int count)
    {
        if ((uint)count > (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        if (count == 0)
        {
            return;
        }

        T[] items = _items!;
        Array.Copy(items, count, items, 0, _count - count);
        Array.Clear(items, _count - count, count);
        _count -= count;
    }
}
