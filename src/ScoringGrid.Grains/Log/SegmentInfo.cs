namespace ScoringGrid.Grains.Log;

/// <summary>
/// What the log knows of one segment file. <see cref="LastPosition"/> and <see cref="DurableLength"/>
/// change only for the active segment, written by the log's writer under the segment list lock.
/// </summary>
internal sealed class SegmentInfo(string path, long firstPosition, long lastPosition, long durableLength)
{
    /// <summary>Full path of the file.</summary>
    public string Path { get; } = path;

    /// <summary>The position of the segment's first record (from its header and name).</summary>
    public long FirstPosition { get; } = firstPosition;

    /// <summary>The position of its last durable record; <c>FirstPosition - 1</c> when it has none.</summary>
    public long LastPosition { get; set; } = lastPosition;

    /// <summary>Bytes of the file that hold the header and durable records.</summary>
    public long DurableLength { get; set; } = durableLength;

    /// <summary>Whether it holds any record.</summary>
    public bool HasRecords => LastPosition >= FirstPosition;
}
