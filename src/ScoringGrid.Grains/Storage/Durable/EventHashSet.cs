namespace ScoringGrid.Grains;

/// <summary>
/// A set of 128-bit event hashes: open addressing in one array, at most half full, probed
/// linearly from a slot taken from the hash's own bits (they are already uniform: no hash of the
/// hash is needed). Reading a checkpoint's millions of idempotency keys adds each one here;
/// a <see cref="HashSet{T}"/> of <see cref="UInt128"/> took a combined hash code, a chained
/// entry and a bucket per key.
/// </summary>
internal sealed class EventHashSet
{
    private UInt128[] _slots; // 0 marks a free slot; the hash 0 itself is tracked apart
    private int _count;
    private bool _hasZero;

    /// <summary>An empty set with room for <paramref name="capacity"/> hashes before it first grows.</summary>
    public EventHashSet(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _slots = new UInt128[SlotsFor(capacity)];
    }

    /// <summary>Hashes in the set.</summary>
    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Adds <paramref name="hash"/>; false when it was already in the set.</summary>
    public bool Add(UInt128 hash)
    {
        if (hash == UInt128.Zero)
        {
            bool added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if (2 * (_count + 1) > _slots.Length)
        {
            Grow();
        }

        if (!Insert(_slots, hash))
        {
            return false;
        }

        _count++;
        return true;
    }

    private static int SlotsFor(int capacity) => (int)Math.Min(1L << 30, Math.Max(16, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity)) * 2));

    private static int SlotOf(UInt128 hash, int mask) => (int)((ulong)hash ^ (ulong)(hash >> 64)) & mask;

    private static bool Insert(UInt128[] slots, UInt128 hash)
    {
        int mask = slots.Length - 1;
        for (int i = SlotOf(hash, mask); ; i = (i + 1) & mask)
        {
            if (slots[i] == hash)
            {
                return false;
            }

            if (slots[i] == UInt128.Zero)
            {
                slots[i] = hash;
                return true;
            }
        }
    }

    private void Grow()
    {
        if (_slots.Length >= 1 << 30)
        {
            throw new InvalidOperationException("An event hash set cannot grow past 2^29 hashes.");
        }

        var larger = new UInt128[_slots.Length * 2];
        foreach (UInt128 hash in _slots)
        {
            if (hash != UInt128.Zero)
            {
                Insert(larger, hash);
            }
        }

        _slots = larger;
    }
}
