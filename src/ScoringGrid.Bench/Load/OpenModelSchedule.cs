namespace ScoringGrid.Bench.Load;

/// <summary>
/// The intended start times of an open-model run: request <c>n</c> (0-based, over the whole
/// phase, whichever worker sends it) is due at <c>n / rate</c> seconds after the phase starts.
/// Latency is measured from that time, so a request that waited because every worker was busy
/// (or the server was slow) counts its wait: coordinated omission does not hide queueing.
/// </summary>
public sealed class OpenModelSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="requestsPerSecond">The rate, greater than 0.</param>
    public OpenModelSchedule(double requestsPerSecond)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be a positive number.");
        }

        RequestsPerSecond = requestsPerSecond;
    }

    /// <summary>The rate.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>When request <paramref name="sequence"/> is due, from the start of the phase.</summary>
    /// <param name="sequence">0-based request number.</param>
    public TimeSpan IntendedStart(long sequence) =>
        TimeSpan.FromTicks((long)Math.Round(sequence * (TimeSpan.TicksPerSecond / RequestsPerSecond)));

    /// <summary>How many requests are due before <paramref name="duration"/> has passed.</summary>
    /// <param name="duration">Time from the start of the phase.</param>
    public long DueWithin(TimeSpan duration)
    {
        var count = (long)Math.Ceiling(duration.TotalSeconds * RequestsPerSecond);
        while (count > 0 && IntendedStart(count - 1) >= duration)
        {
            count--;
        }

        while (IntendedStart(count) < duration)
        {
            count++;
        }

        return count;
    }
}
