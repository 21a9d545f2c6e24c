namespace ScoringGrid.Grains;

/// <summary>Options of the grain runtime.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Number of partitions, each with one worker owning its grains. Default: one per core.</summary>
    public int Partitions { get; set; } = Environment.ProcessorCount;

    /// <summary>A grain idle this long is deactivated. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle grains are looked for. Default 1 minute; zero disables the timer.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Compact grain slots an idle sweep scans per step before letting other work run on the
    /// partition. Default 65,536.
    /// </summary>
    public int CompactCollectionBatch { get; set; } = 65_536;

    /// <summary>
    /// Grains a checkpoint serializes per step on their partition before letting other work run.
    /// Default 256.
    /// </summary>
    public int CheckpointSerializationBatch { get; set; } = 256;

    internal void Validate()
    {
        if (CheckpointSerializationBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointSerializationBatch), CheckpointSerializationBatch, "must be positive");
        }

        if (CompactCollectionBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactCollectionBatch), CompactCollectionBatch, "must be positive");
        }

        if (Partitions is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "must be within 1..1024");
        }

        if (CollectionAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionAge), CollectionAge, "must be positive");
        }

        if (CollectionQuantum < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionQuantum), CollectionQuantum, "must not be negative");
        }
    }
}
