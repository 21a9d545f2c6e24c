namespace ScoringGrid.Scoring;

/// <summary>
/// The oldest N of a stream of open expectations (<see cref="OpenExpectationOrder.OldestFirst"/>), kept
/// in a caller's array of N as a binary heap whose root is the newest kept: once the array is full, an
/// offer older than the root replaces it. The array then holds the oldest N, in heap order.
/// </summary>
internal ref struct OldestHeap
{
    private readonly Span<OpenExpectation> _items;
    private int _count;

    public OldestHeap(Span<OpenExpectation> items)
    {
        _items = items;
        _count = 0;
    }

    /// <summary>Whether N are kept (offers then compete with the newest kept).</summary>
    public readonly bool IsFull => _count == _items.Length;

    /// <summary>When the newest kept was opened; read only when <see cref="IsFull"/>.</summary>
    public readonly long NewestKeptMs => _items[0].OpenedAtMs;

    /// <summary>Keeps <paramref name="item"/> if it is among the oldest N offered so far.</summary>
    public void Offer(in OpenExpectation item)
    {
        if (_count < _items.Length)
        {
            // Sift up: the root stays the newest.
            int i = _count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (OpenExpectationOrder.OldestFirst.Compare(_items[parent], item) >= 0)
                {
                    break;
                }

                _items[i] = _items[parent];
                i = parent;
            }

            _items[i] = item;
            return;
        }

        if (_items.Length == 0 || OpenExpectationOrder.OldestFirst.Compare(item, _items[0]) >= 0)
        {
            return; // not older than the newest kept
        }

        // Replace the root and sift down.
        int at = 0;
        while (true)
        {
            int child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && OpenExpectationOrder.OldestFirst.Compare(_items[child + 1], _items[child]) > 0)
            {
                child++;
            }

            if (OpenExpectationOrder.OldestFirst.Compare(_items[child], item) <= 0)
            {
                break;
            }

            _items[at] = _items[child];
            at = child;
        }

        _items[at] = item;
    }
}
