using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoringGrid.Grains;

/// <summary>
/// A zero-initialised array of unmanaged values in native memory: for the few very large tables
/// (compact grain slots, indexes, the dedupe window) whose contents hold no references. The
/// garbage collector never scans, copies or counts them, so they neither trigger collections of
/// the large-object heap nor make collections slower. Disposing frees the memory (a finalizer does
/// it for an undisposed buffer); the buffer must not be used afterwards. The memory is not reported
/// to the collector as pressure on purpose: it is long-lived state, not garbage to be collected.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed unsafe class NativeBuffer<T> : IDisposable
    where T : unmanaged
{
    private T* _items;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public NativeBuffer(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _items = (T*)NativeMemory.AllocZeroed((nuint)Math.Max(1, length), (nuint)sizeof(T));
    }

    /// <summary>Finalizer: frees the memory of a buffer that was not disposed.</summary>
    ~NativeBuffer() => Free();

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>The element at <paramref name="index"/> (checked against the length).</summary>
    public ref T this[long index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((ulong)index >= (ulong)Length)
            {
                ThrowIndex(index);
            }

            return ref _items[index];
        }
    }

    /// <summary>Starts loading the element at <paramref name="index"/> (see <see cref="CacheHint"/>); nothing outside the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(long index)
    {
        if ((ulong)index < (ulong)Length)
        {
            CacheHint.Prefetch(_items + index);
        }
    }

    /// <summary>A span over <paramref name="length"/> elements from <paramref name="start"/>.</summary>
    public Span<T> AsSpan(long start, int length)
    {
        if ((ulong)start > (ulong)Length || (ulong)length > (ulong)(Length - start))
        {
            ThrowIndex(start);
        }

        return new Span<T>(_items + start, length);
    }

    /// <summary>Frees the memory.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var items = _items;
        if (items is not null)
        {
            _items = null;
            NativeMemory.Free(items);
        }
    }

    private static void ThrowIndex(long index) => throw new ArgumentOutOfRangeException(nameof(index), index, "outside the buffer");
}
