namespace ScoringGrid.Bench.Load;

/// <summary>The time a load run measures with and waits on (a real one, or a fake one in tests).</summary>
public interface IBenchClock
{
    /// <summary>Time since the clock's origin.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Waits until <see cref="Elapsed"/> reaches <paramref name="due"/> (returns at once when it has).</summary>
    /// <param name="due">When to wake, on this clock.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    ValueTask DelayUntilAsync(TimeSpan due, CancellationToken cancellationToken);
}
