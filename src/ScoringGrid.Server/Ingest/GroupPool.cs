using System.Collections.Concurrent;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Lists of a batch's entries for one partition, reused from batch to batch: every phase of every
/// batch needs one per partition, and growing fresh ones allocated more than the rest of ingest.
/// A list comes back when the work item that read it has run; a bounded number is kept.
/// </summary>
internal static class GroupPool<T>
{
    /// <summary>Lists kept for reuse, at most.</summary>
    public const int MaxPooled = 256;

    /// <summary>A list whose capacity grew past this many entries is left to the collector.</summary>
    public const int MaxPooledCapacity = 1 << 16;

    private static readonly ConcurrentQueue<List<T>> Pooled = new();
    private static int _count;

    /// <summary>An empty list.</summary>
    public static List<T> Rent()
    {
        if (Pooled.TryDequeue(out var list))
        {
            Interlocked.Decrement(ref _count);
            return list;
        }

        return new List<T>();
    }

    /// <summary>Gives back a list nothing reads any more.</summary>
    public static void Return(List<T> list)
    {
        if (list.Capacity > MaxPooledCapacity)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > MaxPooled)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        list.Clear();
        Pooled.Enqueue(list);
    }
}
