namespace ScoringGrid.Grains.Log;

/// <summary>Counters of a <see cref="WriteAheadLog"/> since it was opened.</summary>
/// <param name="Appends">Records appended and acknowledged.</param>
/// <param name="PayloadBytes">Payload bytes of those records.</param>
/// <param name="BytesWritten">Bytes written to segment files (record headers, payloads and segment headers).</param>
/// <param name="Writes">Write calls (one per group-commit round and segment).</param>
/// <param name="Fsyncs">Flushes to stable storage (0 when <see cref="WriteAheadLogOptions.Fsync"/> is off).</param>
/// <param name="Segments">Segment files the log has now.</param>
/// <param name="SegmentsCreated">Segment files created.</param>
/// <param name="SegmentsDeleted">Segment files deleted by <see cref="WriteAheadLog.DeleteSegmentsCoveredBy"/>.</param>
public readonly record struct LogStatistics(
    long Appends,
    long PayloadBytes,
    long BytesWritten,
    long Writes,
    long Fsyncs,
    int Segments,
    long SegmentsCreated,
    long SegmentsDeleted);
