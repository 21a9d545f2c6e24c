using System.Buffers.Binary;
using System.Text;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Writes protobuf wire format into a span the caller sized (with <see cref="Google.Protobuf.CodedOutputStream"/>'s
/// Compute*Size helpers): tags, varints, fixed 64-bit values, UTF-8 strings and length prefixes.
/// For responses written field by field, without building the generated message.
/// </summary>
internal ref struct WireWriter
{
    private const int VarintWireType = 0;
    private const int Fixed64WireType = 1;
    private const int LengthDelimitedWireType = 2;

    private readonly Span<byte> _buffer;
    private int _position;

    public WireWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>A varint field (int64, uint64, uint32, bool, enum as the generated code writes them).</summary>
    public void Varint(int field, ulong value)
    {
        Tag(field, VarintWireType);
        WriteVarint(value);
    }

    /// <summary>A double field.</summary>
    public void Double(int field, double value)
    {
        Tag(field, Fixed64WireType);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer[_position..], BitConverter.DoubleToInt64Bits(value));
        _position += 8;
    }

    /// <summary>A string field.</summary>
    public void String(int field, string value)
    {
        Tag(field, LengthDelimitedWireType);
        WriteVarint((uint)Encoding.UTF8.GetByteCount(value));
        _position += Encoding.UTF8.GetBytes(value, _buffer[_position..]);
    }

    /// <summary>A bytes or string field given as its bytes (a string's UTF-8).</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedWireType);
        WriteVarint((uint)value.Length);
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    /// <summary>The tag and length of an embedded message; its fields follow.</summary>
    public void MessageHeader(int field, int length)
    {
        Tag(field, LengthDelimitedWireType);
        WriteVarint((uint)length);
    }

    /// <summary>The next <paramref name="length"/> bytes, for the caller to fill (an embedded message written by its own writer); the position moves past them.</summary>
    public Span<byte> Reserve(int length)
    {
        var reserved = _buffer.Slice(_position, length);
        _position += length;
        return reserved;
    }

    private void Tag(int field, int wireType) => WriteVarint((uint)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_position++] = (byte)value;
    }
}
