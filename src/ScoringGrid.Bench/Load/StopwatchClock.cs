using System.Diagnostics;

namespace ScoringGrid.Bench.Load;

/// <summary>
/// The real clock: a monotonic high-resolution timestamp for measuring, a sleeping wait for the
/// open model's schedule. On Linux the wait sleeps until an absolute time of the same monotonic
/// clock (<see cref="MonotonicSleep"/>), so it wakes within tens of microseconds of its time;
/// elsewhere it sleeps whole milliseconds, rounded up. Waits never end early and never spin, so
/// the generator does not take CPU from a server on the same machine; how late they end is the
/// schedule lag an open-model run reports.
/// </summary>
public sealed class StopwatchClock : IBenchClock
{
    // Long sleeps wake this often to notice cancellation.
    private static readonly TimeSpan CancellationCheck = TimeSpan.FromMilliseconds(50);

    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    /// <inheritdoc />
    public void WaitUntil(TimeSpan due, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = due - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (remaining > CancellationCheck)
            {
                Thread.Sleep(CancellationCheck);
            }
            else if (!MonotonicSleep.Until(_origin + (long)(due.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond))))
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)));
            }
        }
    }
}
