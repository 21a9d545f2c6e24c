using System.Buffers.Binary;

namespace ScoringGrid.Grains.Log;

/// <summary>What <see cref="SegmentReader.ReadRecord"/> found.</summary>
internal enum ReadOutcome
{
    /// <summary>A valid record.</summary>
    Record,

    /// <summary>The end of the readable bytes, exactly at a record boundary.</summary>
    End,

    /// <summary>Damage at <see cref="SegmentReader.Offset"/>; the reason says what kind.</summary>
    Damaged,
}

/// <summary>
/// Reads and verifies one segment file's records in order, up to a byte limit (the durable length
/// for a segment being appended to). The file is opened for reading only and shares writing and
/// deletion with the log's writer.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[SegmentFormat.SegmentHeaderSize];
    private byte[]? _chunk;

    /// <summary>Opens <paramref name="path"/> for reading at most <paramref name="limit"/> bytes.</summary>
    public SegmentReader(string path, long limit = long.MaxValue)
    {
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = ChunkSize,
            Options = FileOptions.SequentialScan,
        });
        Length = Math.Min(limit, _stream.Length);
    }

    /// <summary>How many bytes are read at most.</summary>
    public long Length { get; }

    /// <summary>Offset of the next record (after a damaged result: of the damaged record).</summary>
    public long Offset { get; private set; }

    /// <summary>Reads the segment header; null (with the problem) when it is missing or invalid.</summary>
    public SegmentHeader? ReadSegmentHeader(out string? problem)
    {
        var available = (int)Math.Min(Length, SegmentFormat.SegmentHeaderSize);
        var read = _stream.ReadAtLeast(_header.AsSpan(0, available), available, throwOnEndOfStream: false);
        var header = SegmentFormat.ReadSegmentHeader(_header.AsSpan(0, read), out problem);
        if (header is not null)
        {
            Offset = SegmentFormat.SegmentHeaderSize;
        }

        return header;
    }

    /// <summary>
    /// Reads the next record, which must have position <paramref name="expectedPosition"/>, and
    /// verifies its checksum. With <paramref name="keepPayload"/> the payload is returned in a new
    /// array; otherwise it is only checked and <paramref name="record"/> has an empty payload.
    /// </summary>
    public ReadOutcome ReadRecord(long expectedPosition, bool keepPayload, out LogRecord record, out LogDamageReason reason, out string? problem)
    {
        record = default;
        reason = default;
        problem = null;
        var remaining = Length - Offset;
        if (remaining == 0)
        {
            return ReadOutcome.End;
        }

        var header = _header.AsSpan(0, SegmentFormat.RecordHeaderSize);
        if (remaining < SegmentFormat.RecordHeaderSize)
        {
            reason = LogDamageReason.IncompleteHeader;
            problem = $"{remaining} bytes remain, a record header needs {SegmentFormat.RecordHeaderSize}";
            return ReadOutcome.Damaged;
        }

        _stream.ReadExactly(header);
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var position = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (length is < 0 or > SegmentFormat.MaxPayloadLength)
        {
            reason = LogDamageReason.ImpossibleLength;
            problem = $"the record header states a payload length of {length} bytes (the format allows 0 to {SegmentFormat.MaxPayloadLength})";
            return ReadOutcome.Damaged;
        }

        if (length > remaining - SegmentFormat.RecordHeaderSize)
        {
            reason = LogDamageReason.TruncatedRecord;
            problem = $"the record header states a payload length of {length} bytes, only {remaining - SegmentFormat.RecordHeaderSize} follow";
            return ReadOutcome.Damaged;
        }

        var crc = Crc32C.Compute(header[4..]);
        byte[]? payload = null;
        if (keepPayload)
        {
            payload = length == 0 ? [] : new byte[length];
            _stream.ReadExactly(payload);
            crc = Crc32C.Append(crc, payload);
        }
        else
        {
            _chunk ??= new byte[ChunkSize];
            for (var left = length; left > 0;)
            {
                var part = _chunk.AsSpan(0, Math.Min(left, ChunkSize));
                _stream.ReadExactly(part);
                crc = Crc32C.Append(crc, part);
                left -= part.Length;
            }
        }

        if (crc != storedCrc)
        {
            reason = LogDamageReason.ChecksumMismatch;
            problem = $"the record's checksum is 0x{storedCrc:X8}, its contents give 0x{crc:X8}";
            return ReadOutcome.Damaged;
        }

        if (position != expectedPosition)
        {
            reason = LogDamageReason.PositionGap;
            problem = $"the record has position {position}, position {expectedPosition} was expected";
            return ReadOutcome.Damaged;
        }

        Offset += SegmentFormat.RecordHeaderSize + length;
        record = new LogRecord(position, payload ?? ReadOnlyMemory<byte>.Empty);
        return ReadOutcome.Record;
    }

    /// <summary>
    /// Counts the records framed between <paramref name="offset"/> and the end of the readable bytes
    /// by their length fields alone (for reporting what damage dropped); null when the bytes do not
    /// divide into whole records.
    /// </summary>
    public long? CountFrames(long offset)
    {
        long count = 0;
        var header = new byte[SegmentFormat.RecordHeaderSize];
        while (offset < Length)
        {
            if (Length - offset < SegmentFormat.RecordHeaderSize)
            {
                return null;
            }

            _stream.Position = offset;
            _stream.ReadExactly(header);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
            if (length is < 0 or > SegmentFormat.MaxPayloadLength || length > Length - offset - SegmentFormat.RecordHeaderSize)
            {
                return null;
            }

            offset += SegmentFormat.RecordHeaderSize + length;
            count++;
        }

        return count;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
