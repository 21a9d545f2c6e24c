using System.Buffers.Binary;
using System.Text;

namespace ScoringGrid.Scoring;

/// <summary>
/// Reads what a <see cref="StateWriter"/> wrote. Every read checks the bytes left: a record cut
/// short or damaged fails with <see cref="InvalidDataException"/> naming what was being read and
/// where, never with an index error or an allocation sized by a damaged count.
/// </summary>
public ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Reads <paramref name="data"/> from its start.</summary>
    public StateReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(string what)
    {
        if (_position >= _data.Length)
        {
            throw Truncated(what);
        }

        return _data[_position++];
    }

    /// <summary>Reads an unsigned LEB128 varint.</summary>
    public ulong ReadUInt(string what)
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated(what);
            }

            byte b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                break;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Damaged(what, "a varint longer than 64 bits");
    }

    /// <summary>Reads a zigzag varint.</summary>
    public long ReadInt(string what)
    {
        ulong raw = ReadUInt(what);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a zigzag varint that must fit 32 bits.</summary>
    public int ReadInt32(string what)
    {
        long value = ReadInt(what);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Damaged(what, $"{value} does not fit 32 bits");
    }

    /// <summary>Reads an unsigned varint that must lie in [0, <paramref name="max"/>].</summary>
    public int ReadUInt32(string what, int max = int.MaxValue)
    {
        ulong raw = ReadUInt(what);
        if (raw > (ulong)max)
        {
            throw Damaged(what, $"{raw} is more than {max}");
        }

        return (int)raw;
    }

    /// <summary>
    /// Reads a count of items that each take at least <paramref name="minBytesEach"/> bytes: one the
    /// bytes left cannot hold is damage, found before anything is sized by it.
    /// </summary>
    public int ReadCount(string what, int minBytesEach)
    {
        int max = Remaining / Math.Max(1, minBytesEach);
        return ReadUInt32(what, max);
    }

    /// <summary>Reads a double written by <see cref="StateWriter.WriteDouble"/>.</summary>
    public double ReadDouble(string what)
    {
        if (Remaining < 8)
        {
            throw Truncated(what);
        }

        double value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>Reads a string written by <see cref="StateWriter.WriteString"/>.</summary>
    public string ReadString(string what)
    {
        ReadOnlySpan<byte> payload = ReadPayload(what, out bool utf16);
        return utf16 ? Utf16String(payload) : Utf8String(payload, what);
    }

    /// <summary>Reads a string written by <see cref="StateWriter.WriteOptionalString"/>.</summary>
    public string? ReadOptionalString(string what) => ReadByte(what) switch
    {
        0 => null,
        1 => ReadString(what),
        byte other => throw Damaged(what, $"presence byte {other}"),
    };

    /// <summary>
    /// Reads a string as characters into <paramref name="buffer"/> without making a string, and
    /// returns how many were written; a string too long for the buffer is made and given as
    /// <paramref name="whole"/> instead (0 written).
    /// </summary>
    public int ReadChars(string what, scoped Span<char> buffer, out string? whole)
    {
        ReadOnlySpan<byte> payload = ReadPayload(what, out bool utf16);
        whole = null;
        if (utf16)
        {
            int count = payload.Length / 2;
            if (buffer.Length < count)
            {
                whole = Utf16String(payload);
                return 0;
            }

            CopyUtf16(payload, buffer);
            return count;
        }

        if (buffer.Length < payload.Length)
        {
            whole = Utf8String(payload, what); // UTF-8 never has fewer bytes than UTF-16 code units: a buffer this long always fits
            return 0;
        }

        try
        {
            return Strict.GetChars(payload, buffer);
        }
        catch (DecoderFallbackException)
        {
            throw Damaged(what, "a string that is not UTF-8");
        }
    }

    /// <summary>
    /// Reads an account id, as the string <paramref name="ids"/> keeps for it when given (so a restored
    /// state shares the strings already in memory), else as a new string.
    /// </summary>
    public string ReadId(string what, IAccountIdPool? ids)
    {
        if (ids is null)
        {
            return ReadString(what);
        }

        Span<char> buffer = stackalloc char[IdBufferChars];
        int count = ReadChars(what, buffer, out string? whole);
        return ids.Intern(whole is null ? buffer[..count] : whole.AsSpan());
    }

    /// <summary>Fails unless every byte has been read.</summary>
    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw Damaged(what, $"{Remaining} bytes past its end");
        }
    }

    /// <summary>An exception for damage found while reading <paramref name="what"/>.</summary>
    public readonly InvalidDataException Damaged(string what, string reason) =>
        new($"A stored record is damaged at byte {_position} of {_data.Length}, reading {what}: {reason}.");

    private const int IdBufferChars = 512;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> ReadPayload(string what, out bool utf16)
    {
        ulong prefix = ReadUInt(what);
        utf16 = (prefix & 1) != 0;
        ulong bytes = utf16 ? (prefix >> 1) * 2 : prefix >> 1;
        if (bytes > (ulong)Remaining)
        {
            throw Truncated(what);
        }

        ReadOnlySpan<byte> payload = _data.Slice(_position, (int)bytes);
        _position += (int)bytes;
        return payload;
    }

    private readonly string Utf8String(ReadOnlySpan<byte> payload, string what)
    {
        try
        {
            return Strict.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            throw Damaged(what, "a string that is not UTF-8");
        }
    }

    private static string Utf16String(ReadOnlySpan<byte> payload)
    {
        var chars = new char[payload.Length / 2];
        CopyUtf16(payload, chars);
        return new string(chars);
    }

    /// <summary>The UTF-16 code units of a string written as such (little-endian), into <paramref name="chars"/>.</summary>
    private static void CopyUtf16(ReadOnlySpan<byte> payload, Span<char> chars)
    {
        for (int i = 0; i < payload.Length / 2; i++)
        {
            chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(payload[(2 * i)..]);
        }
    }

    private readonly InvalidDataException Truncated(string what) =>
        new($"A stored record ends early at byte {_position} of {_data.Length}, reading {what}.");
}
