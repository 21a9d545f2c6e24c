namespace ScoringGrid.Grains.Log;

/// <summary>One part of the log that recovery dropped.</summary>
/// <param name="SegmentFile">The segment file's name (in the log directory).</param>
/// <param name="Offset">Byte offset in that file where the dropped bytes start (0: the whole file was deleted).</param>
/// <param name="BytesDropped">How many bytes were dropped from that file.</param>
/// <param name="RecordsDropped">How many records (whole or partial) the dropped bytes held, when their framing shows it; null when unknown.</param>
/// <param name="Reason">What was wrong.</param>
/// <param name="Detail">A sentence describing what was found.</param>
public sealed record LogDamage(string SegmentFile, long Offset, long BytesDropped, long? RecordsDropped, LogDamageReason Reason, string Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{SegmentFile} at offset {Offset}: {Reason} ({Detail}); dropped {BytesDropped} bytes, " +
        (RecordsDropped is { } records ? $"{records} records" : "an unknown number of records");
}
