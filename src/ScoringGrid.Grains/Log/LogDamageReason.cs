namespace ScoringGrid.Grains.Log;

/// <summary>Why recovery dropped part of the log.</summary>
public enum LogDamageReason
{
    /// <summary>Fewer bytes remain than a record header needs (a write torn by a crash).</summary>
    IncompleteHeader,

    /// <summary>A record header states a negative or impossibly large payload length.</summary>
    ImpossibleLength,

    /// <summary>A record's payload extends past the end of the file (a torn write, or a damaged length field).</summary>
    TruncatedRecord,

    /// <summary>A record's CRC-32C does not match its header fields and payload.</summary>
    ChecksumMismatch,

    /// <summary>A record's or segment's position does not follow the one before it.</summary>
    PositionGap,

    /// <summary>A segment file is shorter than the segment header (a crash while it was being created).</summary>
    IncompleteSegmentHeader,

    /// <summary>A segment header has the wrong magic, version or checksum, or disagrees with the file name.</summary>
    BadSegmentHeader,

    /// <summary>A whole segment file was deleted because it follows damage in an earlier segment.</summary>
    FollowsDamage,
}
