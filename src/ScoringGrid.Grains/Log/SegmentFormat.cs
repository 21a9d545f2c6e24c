using System.Buffers.Binary;
using System.Globalization;

namespace ScoringGrid.Grains.Log;

/// <summary>
/// The on-disk layout of segment files (see README.md in this folder). All integers are little-endian.
/// </summary>
/// <remarks>
/// Segment header (32 bytes): magic "SGWL", format version (u16), reserved (u16, 0), first position
/// (i64), previous last position (i64: the position the log had reached when the segment was
/// created), CRC-32C of the preceding 24 bytes (u32), reserved (u32, 0).
/// Record: CRC-32C (u32) over the rest of the header and the payload, payload length (i32),
/// position (i64), payload.
/// </remarks>
internal static class SegmentFormat
{
    /// <summary>Size of the segment header.</summary>
    public const int SegmentHeaderSize = 32;

    /// <summary>Size of a record header.</summary>
    public const int RecordHeaderSize = 16;

    /// <summary>The current format version.</summary>
    public const ushort Version = 1;

    /// <summary>The largest payload the format allows; a longer length field is damage.</summary>
    public const int MaxPayloadLength = 1 << 30;

    /// <summary>File name extension of segment files.</summary>
    public const string Extension = ".wal";

    private const int NameDigits = 20;

    private static ReadOnlySpan<byte> Magic => "SGWL"u8;

    /// <summary>The file name of the segment whose first position is <paramref name="firstPosition"/>.</summary>
    public static string FileName(long firstPosition) =>
        firstPosition.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    /// <summary>Parses a segment file name; false for any other file.</summary>
    public static bool TryParseFileName(string fileName, out long firstPosition)
    {
        firstPosition = 0;
        if (fileName.Length != NameDigits + Extension.Length || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(0, NameDigits);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out firstPosition) && firstPosition > 0;
    }

    /// <summary>Writes a segment header into <paramref name="destination"/> (at least <see cref="SegmentHeaderSize"/> bytes).</summary>
    public static void WriteSegmentHeader(Span<byte> destination, long firstPosition, long previousLastPosition)
    {
        var header = destination[..SegmentHeaderSize];
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], firstPosition);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], previousLastPosition);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], Crc32C.Compute(header[..24]));
    }

    /// <summary>
    /// Reads a segment header; returns null and why when it is not a valid header of this format.
    /// </summary>
    public static SegmentHeader? ReadSegmentHeader(ReadOnlySpan<byte> source, out string? problem)
    {
        if (source.Length < SegmentHeaderSize)
        {
            problem = $"the segment header needs {SegmentHeaderSize} bytes, the file has {source.Length}";
            return null;
        }

        if (!source[..4].SequenceEqual(Magic))
        {
            problem = "the segment header does not start with the magic \"SGWL\"";
            return null;
        }

        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(source[24..]);
        var actualCrc = Crc32C.Compute(source[..24]);
        if (storedCrc != actualCrc)
        {
            problem = $"the segment header checksum is 0x{storedCrc:X8}, its contents give 0x{actualCrc:X8}";
            return null;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != Version)
        {
            problem = $"the segment format version is {version}, this build reads version {Version}";
            return null;
        }

        var first = BinaryPrimitives.ReadInt64LittleEndian(source[8..]);
        var previous = BinaryPrimitives.ReadInt64LittleEndian(source[16..]);
        if (first < 1 || previous < 0 || previous >= first)
        {
            problem = $"the segment header's first position {first} does not follow its previous last position {previous}";
            return null;
        }

        problem = null;
        return new SegmentHeader(first, previous);
    }

    /// <summary>Writes a record header for a payload already in place after it and returns the record's size.</summary>
    /// <param name="record">The record: header space followed by the payload.</param>
    /// <param name="position">The record's position.</param>
    public static int SealRecord(Span<byte> record, long position)
    {
        var payloadLength = record.Length - RecordHeaderSize;
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], payloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], position);
        BinaryPrimitives.WriteUInt32LittleEndian(record, Crc32C.Compute(record[4..]));
        return record.Length;
    }
}

/// <summary>A decoded segment header.</summary>
/// <param name="FirstPosition">The position of the segment's first record.</param>
/// <param name="PreviousLastPosition">The log's last position when the segment was created.</param>
internal readonly record struct SegmentHeader(long FirstPosition, long PreviousLastPosition);
