using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ScoringGrid.Grains;

/// <summary>
/// Asks the processor to start loading memory that will be read soon. A hint only: it never faults,
/// whatever the address, changes nothing but timing, and does nothing where the processor has no
/// such instruction. A turn that works through a batch of items scattered over a large state hints
/// every item's next load first, then does the work, so the loads overlap instead of waiting for one
/// another.
/// </summary>
public static unsafe class CacheHint
{
    private const int LineSize = 64;

    /// <summary>Starts loading the cache line holding <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    /// <summary>Starts loading every line of <paramref name="value"/> (up to its first 256 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch<T>(ref readonly T value)
    {
        if (Sse.IsSupported)
        {
            byte* first = (byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in value));
            byte* last = first + Math.Min(Unsafe.SizeOf<T>(), 4 * LineSize) - 1;
            for (byte* line = first; line <= last; line += LineSize)
            {
                Sse.Prefetch0(line);
            }

            Sse.Prefetch0(last); // the last byte's line, when the value does not start on a line
        }
    }

    /// <summary>Starts loading the first line of an object (its header and first fields); nothing for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchObject(object? instance)
    {
        if (Sse.IsSupported && instance is not null)
        {
            Sse.Prefetch0(*(void**)Unsafe.AsPointer(ref instance));
        }
    }
}
