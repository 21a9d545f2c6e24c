using ScoringGrid.Bench.Load;

namespace ScoringGrid.Bench.Tests;

/// <summary>
/// The real clock's wait: it never returns before its time (whatever the platform's sleep), returns
/// at once for a time already past, and gives up when cancelled. Only lower bounds are asserted:
/// how late a wait ends is the schedule lag a run reports, not something a test can pin down.
/// </summary>
public sealed class StopwatchClockTests
{
    [Fact(Timeout = 10_000)]
    public async Task A_wait_never_ends_before_its_time()
    {
        await Task.Yield();
        var clock = new StopwatchClock();
        for (var i = 1; i <= 20; i++)
        {
            var due = clock.Elapsed + TimeSpan.FromMicroseconds(150 * i);
            clock.WaitUntil(due, CancellationToken.None);
            Assert.True(clock.Elapsed >= due, $"wait {i} returned {(due - clock.Elapsed).TotalMicroseconds} µs early");
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task A_wait_for_a_past_time_returns_at_once_and_a_cancelled_one_throws()
    {
        await Task.Yield();
        var clock = new StopwatchClock();
        clock.WaitUntil(TimeSpan.Zero, CancellationToken.None);
        using var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.Throws<OperationCanceledException>(() => clock.WaitUntil(clock.Elapsed + TimeSpan.FromHours(1), cut.Token));
    }
}
