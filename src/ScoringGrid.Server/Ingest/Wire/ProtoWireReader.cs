using System.Buffers.Binary;

namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>
/// Reads protobuf wire primitives (varints, fixed64, length-delimited fields) from a span, and
/// skips fields it is not asked about the way the protobuf runtime does: any wire type, groups
/// included, up to <see cref="MaxDepth"/> levels. Malformed bytes throw <see cref="FormatException"/>.
/// </summary>
internal ref struct ProtoWireReader
{
    /// <summary>Levels of nested groups an unknown field may have (the protobuf runtime's default recursion limit).</summary>
    public const int MaxDepth = 100;

    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int StartGroup = 3;
    public const int EndGroup = 4;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>A reader of <paramref name="buffer"/> from its start.</summary>
    public ProtoWireReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>The offset of the next byte.</summary>
    public readonly int Position => _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _buffer.Length;

    /// <summary>Reads a field's tag (field number and wire type; like the protobuf runtime, a longer varint keeps its low 32 bits).</summary>
    public uint ReadTag()
    {
        var tag = unchecked((uint)ReadVarint());
        if (tag >> 3 == 0)
        {
            throw new FormatException("a field has the invalid tag zero");
        }

        return tag;
    }

    /// <summary>Reads a base-128 varint of up to 10 bytes.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw Truncated();
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException("a varint is longer than 10 bytes");
    }

    /// <summary>Reads 8 little-endian bytes.</summary>
    public ulong ReadFixed64()
    {
        var start = _position;
        Advance(8);
        return BinaryPrimitives.ReadUInt64LittleEndian(_buffer.Slice(start, 8));
    }

    /// <summary>Reads a length-delimited field's length and steps over its bytes; returns where they lie.</summary>
    public WireString ReadLengthDelimited()
    {
        // A length is an int32 varint: the protobuf runtime keeps its low 32 bits.
        var length = unchecked((int)(uint)ReadVarint());
        if (length < 0)
        {
            throw new FormatException($"a length-delimited field has the negative length {length}");
        }

        if (length > _buffer.Length - _position)
        {
            throw Truncated();
        }

        var field = new WireString(_position, length);
        _position += length;
        return field;
    }

    /// <summary>Steps over the value of a field whose tag was just read.</summary>
    public void Skip(uint tag) => Skip(tag, 0);

    private void Skip(uint tag, int depth)
    {
        switch ((int)(tag & 7))
        {
            case Varint:
                ReadVarint();
                return;
            case Fixed64:
                Advance(8);
                return;
            case LengthDelimited:
                ReadLengthDelimited();
                return;
            case Fixed32:
                Advance(4);
                return;
            case StartGroup:
                if (depth >= MaxDepth)
                {
                    throw new FormatException($"an unknown field nests groups deeper than {MaxDepth} levels");
                }

                // The group's fields follow until the end-group tag of the same field number.
                while (true)
                {
                    var next = ReadTag();
                    if ((next & 7) == EndGroup)
                    {
                        if (next >> 3 != tag >> 3)
                        {
                            throw new FormatException("an end-group tag does not match its start-group tag");
                        }

                        return;
                    }

                    Skip(next, depth + 1);
                }

            case EndGroup:
                throw new FormatException("an end-group tag has no matching start-group tag");
            default:
                throw new FormatException($"a field has the invalid wire type {tag & 7}");
        }
    }

    private void Advance(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw Truncated();
        }

        _position += count;
    }

    private static FormatException Truncated() =>
        new("the input ended in the middle of a field (truncated, or an embedded message misreports its length)");
}
