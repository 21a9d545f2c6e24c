using System.Diagnostics;

namespace ScoringGrid.Bench.Load;

/// <summary>
/// The real clock: a monotonic high-resolution timestamp for measuring, timers for waiting.
/// Waits never end early; they may end late by the timer resolution (about 1 ms on Linux),
/// which an open-model run reports as the schedule lag. It never spins, so the generator does
/// not take CPU from a server on the same machine.
/// </summary>
public sealed class StopwatchClock : IBenchClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    /// <inheritdoc />
    public async ValueTask DelayUntilAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = due - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            // Whole milliseconds, rounded up: a timer never fires before its time, so the loop
            // runs once or twice, never busy.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        }
    }
}
