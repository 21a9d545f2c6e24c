namespace ScoringGrid.Grains.Log;

/// <summary>Settings of a <see cref="WriteAheadLog"/>.</summary>
public sealed class WriteAheadLogOptions
{
    /// <summary>Smallest allowed <see cref="SegmentSize"/>.</summary>
    public const long MinSegmentSize = 256;

    /// <summary>The directory holding the segment files; created when missing.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// Once the current segment file reaches this many bytes, the next record goes into a new
    /// segment. A segment exceeds it by at most one record. Default 64 MiB.
    /// </summary>
    public long SegmentSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest payload an append accepts (at most 1 GiB); larger appends throw
    /// <see cref="ArgumentException"/>. Default 64 MiB.
    /// </summary>
    public int MaxRecordSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Whether appends wait for a flush to stable storage (fsync). When false, an acknowledged
    /// record has only been handed to the operating system and is lost if the machine crashes:
    /// NOT durable, for benchmarks and tests only. Default true.
    /// </summary>
    public bool Fsync { get; set; } = true;

    /// <summary>
    /// Group commit: the most record bytes (headers and payloads) one write-and-fsync round takes
    /// (a single larger record is written alone). Default 4 MiB.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// When the log ends below this position after recovery (records a checkpoint covers were
    /// lost to damage), appends continue after it instead, so a position the checkpoint covers is
    /// never given to a new record. Usually the position of the last checkpoint. Default 0.
    /// </summary>
    public long MinimumLastPosition { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("WriteAheadLogOptions.Directory is required.", nameof(Directory));
        }

        if (SegmentSize < MinSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize, $"WriteAheadLogOptions.SegmentSize must be at least {MinSegmentSize} bytes.");
        }

        if (MaxRecordSize is < 0 or > SegmentFormat.MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordSize), MaxRecordSize, $"WriteAheadLogOptions.MaxRecordSize must be between 0 and {SegmentFormat.MaxPayloadLength} bytes.");
        }

        if (MaxBatchBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchBytes), MaxBatchBytes, "WriteAheadLogOptions.MaxBatchBytes must be positive.");
        }

        if (MinimumLastPosition < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumLastPosition), MinimumLastPosition, "WriteAheadLogOptions.MinimumLastPosition must not be negative.");
        }
    }
}
