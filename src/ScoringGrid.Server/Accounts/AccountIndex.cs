using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ScoringGrid.Grains;

namespace ScoringGrid.Server.Accounts;

/// <summary>
/// One tenant's id → handle index: open addressing over one array of (hash, handle) slots, probed
/// linearly, read without locks. A lookup reads one slot (usually) and then the entry of the
/// handle it holds in the <see cref="AccountDirectory"/>, which the caller reads next anyway; a
/// dictionary would also chase a node per entry. The hash is seeded per process at random, so ids
/// chosen to collide cannot be precomputed.
/// </summary>
/// <remarks>
/// Writers take a lock; a slot is written once (empty → filled) and the array replaced, never
/// changed, when it grows past half full. A reader still on a replaced array can miss an id added
/// since: it then takes the writers' path, which looks again under the lock.
/// </remarks>
internal sealed class AccountIndex
{
    private const int InitialSlots = 64;
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    private readonly AccountDirectory _directory;
    private readonly Lock _writeLock = new();
    private long[] _slots = new long[InitialSlots]; // 0 = empty, else hash << 32 | (handle + 1)
    private int _count;

    public AccountIndex(AccountDirectory directory) => _directory = directory;

    /// <summary>Ids indexed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The handle of an id, if indexed.</summary>
    public bool TryGet(ReadOnlySpan<char> id, out int handle) => TryGet(id, Hash(id), out handle);

    /// <summary>The handle of an id whose <see cref="Hash"/> the caller has taken, if indexed.</summary>
    public bool TryGet(ReadOnlySpan<char> id, uint hash, out int handle)
    {
        long[] slots = Volatile.Read(ref _slots);
        int mask = slots.Length - 1;
        for (int i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            long slot = Volatile.Read(ref slots[i]);
            if (slot == 0)
            {
                handle = -1;
                return false;
            }

            if ((uint)(slot >>> 32) == hash)
            {
                int candidate = (int)(uint)slot - 1;
                if (id.SequenceEqual(_directory.IdOf(candidate)))
                {
                    handle = candidate;
                    return true;
                }
            }
        }
    }

    /// <summary>Indexes an id whose directory entry is written; false (nothing changed) when it is indexed already.</summary>
    public bool TryAdd(string id, int handle)
    {
        lock (_writeLock)
        {
            if (TryGet(id, out _))
            {
                return false;
            }

            long[] slots = _slots;
            if ((_count + 1) * 2 > slots.Length)
            {
                slots = Grow(slots);
            }

            Insert(slots, Hash(id), handle);
            Volatile.Write(ref _count, _count + 1);
            return true;
        }
    }

    /// <summary>
    /// One step of the hints a caller about to look up many ids gives for each (see
    /// <see cref="CacheHint"/>), every id's step before the next step: 0 the id's first slot, 1 the
    /// directory entry of the handle that slot holds, 2 the entry's id. A hint never changes an answer.
    /// </summary>
    public void Prefetch(uint hash, int step)
    {
        long[] slots = Volatile.Read(ref _slots);
        int first = (int)(hash & (uint)(slots.Length - 1));
        if (step == 0)
        {
            CacheHint.Prefetch(in slots[first]);
            return;
        }

        long slot = Volatile.Read(ref slots[first]);
        if (slot == 0 || (uint)(slot >>> 32) != hash)
        {
            return;
        }

        ref readonly var entry = ref _directory[(int)(uint)slot - 1];
        if (step == 1)
        {
            CacheHint.Prefetch(in entry);
        }
        else
        {
            CacheHint.PrefetchObject(entry.Id);
        }
    }

    /// <summary>The index's hash of an id (seeded per process).</summary>
    public static uint Hash(ReadOnlySpan<char> id) => (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id), Seed);

    private static void Insert(long[] slots, uint hash, int handle)
    {
        int mask = slots.Length - 1;
        int i = (int)(hash & (uint)mask);
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        Volatile.Write(ref slots[i], ((long)hash << 32) | (uint)(handle + 1));
    }

    private long[] Grow(long[] slots)
    {
        var grown = new long[slots.Length * 2];
        foreach (long slot in slots)
        {
            if (slot != 0)
            {
                Insert(grown, (uint)(slot >>> 32), (int)(uint)slot - 1);
            }
        }

        Volatile.Write(ref _slots, grown);
        return grown;
    }
}
