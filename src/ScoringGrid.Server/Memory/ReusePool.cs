namespace ScoringGrid.Server.Memory;

/// <summary>
/// A bounded pool of reusable objects with no lock: a ring of cells, each with a sequence number
/// that says whether it holds an object (the bounded multi-producer, multi-consumer queue of
/// D. Vyukov). Taking and returning never allocate and never wait: a thread descheduled in the
/// middle of either only makes the others see the pool emptier or fuller than it is, so they make a
/// new object or drop theirs, where a lock held by a descheduled thread would make them wait for
/// its time slice.
/// </summary>
/// <typeparam name="T">The pooled type; the owner resets an object before or after it is pooled.</typeparam>
internal sealed class ReusePool<T>
    where T : class
{
    private readonly Cell[] _cells;
    private readonly int _mask;
    private readonly Func<T> _create;
    private RingPositions _positions;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="capacity">Most objects kept (≥ 1; rounded up to a power of two).</param>
    /// <param name="create">Makes an object when the pool is empty.</param>
    public ReusePool(int capacity, Func<T> create)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 20);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _cells = new Cell[size];
        for (int i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = size - 1;
        _create = create;
    }

    /// <summary>Most objects the pool keeps.</summary>
    public int Capacity => _cells.Length;

    /// <summary>How many objects the pool holds now (a moment's reading).</summary>
    public int Count => Math.Clamp(Volatile.Read(ref _positions.Returned) - Volatile.Read(ref _positions.Taken), 0, _cells.Length);

    /// <summary>A pooled object, or a new one when the pool is empty.</summary>
    public T Take()
    {
        int position = Volatile.Read(ref _positions.Taken);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            int difference = Volatile.Read(ref cell.Sequence) - (position + 1);
            if (difference == 0)
            {
                int seen = Interlocked.CompareExchange(ref _positions.Taken, position + 1, position);
                if (seen == position)
                {
                    T item = cell.Item!;
                    cell.Item = null;
                    Volatile.Write(ref cell.Sequence, position + _cells.Length);
                    return item;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                return _create(); // empty (or the next object is still being returned)
            }
            else
            {
                position = Volatile.Read(ref _positions.Taken);
            }
        }
    }

    /// <summary>Keeps an object for a later <see cref="Take"/>, unless the pool is full. The caller must not use it afterwards.</summary>
    public void Return(T item)
    {
        int position = Volatile.Read(ref _positions.Returned);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            int difference = Volatile.Read(ref cell.Sequence) - position;
            if (difference == 0)
            {
                int seen = Interlocked.CompareExchange(ref _positions.Returned, position + 1, position);
                if (seen == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                return; // full (or the next cell is still being taken): dropped for the collector
            }
            else
            {
                position = Volatile.Read(ref _positions.Returned);
            }
        }
    }

    private struct Cell
    {
        public int Sequence; // position + 1 when it holds the object returned at position; position + capacity when free again
        public T? Item;
    }
}
