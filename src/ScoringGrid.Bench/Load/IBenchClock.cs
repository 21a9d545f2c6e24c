namespace ScoringGrid.Bench.Load;

/// <summary>The time a load run measures with and waits on (a real one, or a fake one in tests).</summary>
public interface IBenchClock
{
    /// <summary>Time since the clock's origin.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>
    /// Blocks the calling thread until <see cref="Elapsed"/> reaches <paramref name="due"/> (returns
    /// at once when it has). Called only by the open model's pacing thread.
    /// </summary>
    /// <param name="due">When to wake, on this clock.</param>
    /// <param name="cancellationToken">Stops waiting (throws <see cref="OperationCanceledException"/>).</param>
    void WaitUntil(TimeSpan due, CancellationToken cancellationToken);
}
