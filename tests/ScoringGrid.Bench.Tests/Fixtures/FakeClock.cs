using ScoringGrid.Bench.Load;

namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>A clock that only moves when told: waits jump straight to their due time, and fake calls advance it by their duration.</summary>
public sealed class FakeClock : IBenchClock
{
    private readonly object _lock = new();
    private TimeSpan _now;

    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return _now;
            }
        }
    }

    public List<TimeSpan> Waits { get; } = new();

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    public void WaitUntil(TimeSpan due, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (due > _now)
            {
                Waits.Add(due);
                _now = due;
            }
        }
    }
}
