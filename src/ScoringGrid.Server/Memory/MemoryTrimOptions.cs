namespace ScoringGrid.Server.Memory;

/// <summary>
/// When the server hands memory its collector no longer uses back to the operating system, bound
/// from <c>ScoringGrid:Memory</c>. See <see cref="MemoryTrimService"/>.
/// </summary>
public sealed class MemoryTrimOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringGrid:Memory";

    /// <summary>
    /// How long the server must have been quiet (allocating less than <see cref="QuietAllocationRate"/>)
    /// before it trims; zero never trims. Default 30 s.
    /// </summary>
    public TimeSpan TrimAfterQuiet { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes allocated per second below which the server counts as quiet. An idle server allocates
    /// 20–30 KB a second (its health and checkpoint loops); about a hundred queries a second allocate
    /// as much as the default, and ingest MBs. Default 128 KiB.
    /// </summary>
    public long QuietAllocationRate { get; set; } = 128 << 10;

    /// <summary>
    /// Least growth of the process's resident memory since start or the last trim for a quiet spell
    /// to end in a trim; below it the server does not pause for one. Default 64 MiB.
    /// </summary>
    public long MinimumGrowth { get; set; } = 64L << 20;

    /// <summary>Whether trims are on.</summary>
    public bool Enabled => TrimAfterQuiet > TimeSpan.Zero;

    /// <summary>How often the service takes a sample: every second, or every quarter of <see cref="TrimAfterQuiet"/> when that is shorter.</summary>
    public TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(TimeSpan.TicksPerSecond, TrimAfterQuiet.Ticks / 4)));

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (TrimAfterQuiet < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(TrimAfterQuiet)} must be zero (never trim) or positive (was {TrimAfterQuiet}).");
        }

        if (QuietAllocationRate <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(QuietAllocationRate)} must be positive (was {QuietAllocationRate}).");
        }

        if (MinimumGrowth <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MinimumGrowth)} must be positive (was {MinimumGrowth}).");
        }
    }
}
