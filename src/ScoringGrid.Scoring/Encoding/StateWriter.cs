using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace ScoringGrid.Scoring;

/// <summary>
/// Writes the binary stored form of scoring state into one growable buffer rented from the shared
/// pool: unsigned LEB128 varints, zigzag varints for signed values, doubles as their eight bytes
/// little-endian (so ±∞ and NaN round-trip), and strings as UTF-8 with a length prefix.
/// Read back by <see cref="StateReader"/>.
/// </summary>
/// <remarks>
/// A string that is not well-formed UTF-16 (a lone surrogate) would not survive UTF-8, so it is
/// written as its UTF-16 code units instead, flagged in the low bit of its prefix. One writer per
/// thread at a time: <see cref="Rent"/> hands out the calling thread's, <see cref="Return"/> gives
/// it back for the next record.
/// </remarks>
public sealed class StateWriter
{
    /// <summary>A buffer that grew past this is given back to the pool on <see cref="Return"/>, not kept.</summary>
    public const int KeptBufferBytes = 8 << 20;

    private const int InitialBytes = 4096;

    [ThreadStatic]
    private static StateWriter? t_cached;

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with an empty buffer.</summary>
    public StateWriter() => _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);

    /// <summary>What has been written.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The calling thread's writer, emptied (a new one when it is in use or there is none).</summary>
    public static StateWriter Rent()
    {
        StateWriter? writer = t_cached;
        t_cached = null;
        return writer ?? new StateWriter();
    }

    /// <summary>Gives a writer from <see cref="Rent"/> back to the calling thread; do not use it afterwards.</summary>
    public static void Return(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer._length = 0;
        if (writer._buffer.Length > KeptBufferBytes)
        {
            ArrayPool<byte>.Shared.Return(writer._buffer);
            writer._buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);
        }

        t_cached = writer;
    }

    /// <summary>A new array holding what has been written.</summary>
    public byte[] ToArray() => Written.ToArray();

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    /// <summary>Writes an unsigned LEB128 varint (1 byte below 128, at most 10).</summary>
    public void WriteUInt(ulong value) => _length += WriteUInt(Reserve(10), value);

    /// <summary>Writes a signed value as a zigzag varint (small magnitudes of either sign take few bytes).</summary>
    public void WriteInt(long value) => WriteUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a double as its eight bytes, little-endian (every value, ±∞ and NaN included, round-trips).</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        _length += 8;
    }

    /// <summary>Writes a string: its UTF-8 bytes after a length prefix (its UTF-16 code units when it is not well-formed).</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int maxBytes = value.Length * 3;
        int prefixAt = _length;
        int prefixBytes = VarIntBytes((ulong)maxBytes << 1);
        Span<byte> room = Reserve(prefixBytes + maxBytes);
        OperationStatus status = Utf8.FromUtf16(value, room[prefixBytes..], out _, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            WriteUtf16(value);
            return;
        }

        // The prefix was sized for the longest encoding: shift the bytes down when the actual length needs fewer.
        // Everything stays within the room reserved above (nothing here may grow the buffer: the string's
        // bytes are past the written length, and a growth would not carry them).
        int actualPrefix = VarIntBytes((ulong)written << 1);
        if (actualPrefix != prefixBytes)
        {
            room.Slice(prefixBytes, written).CopyTo(room[actualPrefix..]);
        }

        WriteUInt(room, (ulong)written << 1);
        _length = prefixAt + actualPrefix + written;
    }

    /// <summary>Writes a string that may be null (a prefix of 0, distinct from the empty string's).</summary>
    public void WriteOptionalString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        WriteByte(1);
        WriteString(value);
    }

    /// <summary>Bytes the varint of <paramref name="value"/> takes.</summary>
    private static int VarIntBytes(ulong value) => value == 0 ? 1 : ((64 - System.Numerics.BitOperations.LeadingZeroCount(value)) + 6) / 7;

    /// <summary>Writes the varint of <paramref name="value"/> at the start of <paramref name="span"/>; returns its length.</summary>
    private static int WriteUInt(Span<byte> span, ulong value)
    {
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        return n;
    }

    private void WriteUtf16(string value)
    {
        WriteUInt(((ulong)value.Length << 1) | 1);
        Span<byte> span = Reserve(value.Length * 2);
        for (int i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(2 * i)..], value[i]);
        }

        _length += value.Length * 2;
    }

    /// <summary>At least <paramref name="bytes"/> of room after what is written, growing the buffer if need be.</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Grow(bytes);
        }

        return _buffer.AsSpan(_length);
    }

    private void Grow(int bytes)
    {
        long wanted = Math.Max((long)_length + bytes, 2L * _buffer.Length);
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
        Written.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
