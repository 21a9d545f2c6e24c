using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ScoringGrid.Bench.Load;

/// <summary>
/// Sleeps until an absolute <see cref="Stopwatch"/> timestamp with the kernel's own timer, where
/// the timestamp is CLOCK_MONOTONIC in nanoseconds (Linux): <c>clock_nanosleep</c> with
/// <c>TIMER_ABSTIME</c>, which neither ends early nor rounds to milliseconds. Elsewhere it does
/// nothing and says so, and the caller sleeps in milliseconds.
/// </summary>
internal static partial class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;

    /// <summary>Whether the precise sleep is available here.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Stopwatch.IsHighResolution && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Sleeps until <paramref name="timestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value); false when unsupported.</summary>
    /// <param name="timestamp">The absolute time to wake at.</param>
    public static bool Until(long timestamp)
    {
        if (!IsSupported)
        {
            return false;
        }

        var at = new TimeSpec { Seconds = timestamp / 1_000_000_000, Nanoseconds = timestamp % 1_000_000_000 };
        // Returns early only when a signal interrupts it (EINTR); the caller's loop sleeps again.
        _ = ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in at, IntPtr.Zero);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
