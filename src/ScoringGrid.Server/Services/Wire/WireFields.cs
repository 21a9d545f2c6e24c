using Google.Protobuf;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Sizes and writes of proto3 fields as the generated code has them: a field at its default (0,
/// false, empty) is left out. A double is compared with != 0, so −0.0 is left out and NaN written.
/// </summary>
internal static class WireFields
{
    /// <summary>Writes a double field unless it is 0.</summary>
    public static void WriteDouble(ref WireWriter writer, int field, double value)
    {
        if (value != 0D)
        {
            writer.Double(field, value);
        }
    }

    /// <summary>Writes a string field unless it is empty.</summary>
    public static void WriteString(ref WireWriter writer, int field, string value)
    {
        if (value.Length != 0)
        {
            writer.String(field, value);
        }
    }

    /// <summary>Writes a varint field unless it is 0 (an int32 or enum passed sign-extended, as the runtime writes it).</summary>
    public static void WriteVarint(ref WireWriter writer, int field, ulong value)
    {
        if (value != 0)
        {
            writer.Varint(field, value);
        }
    }

    /// <summary>Bytes of a double field (none when 0).</summary>
    public static int DoubleSize(int field, double value) =>
        value != 0D ? CodedOutputStream.ComputeTagSize(field) + 8 : 0;

    /// <summary>Bytes of an int64 field (none when 0).</summary>
    public static int Int64Size(int field, long value) =>
        value != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeInt64Size(value) : 0;

    /// <summary>Bytes of a uint64 field (none when 0).</summary>
    public static int UInt64Size(int field, ulong value) =>
        value != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeUInt64Size(value) : 0;

    /// <summary>Bytes of a uint32 field (none when 0).</summary>
    public static int UInt32Size(int field, uint value) =>
        value != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeUInt32Size(value) : 0;

    /// <summary>Bytes of an enum field (none when 0).</summary>
    public static int EnumSize(int field, int value) =>
        value != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeEnumSize(value) : 0;

    /// <summary>Bytes of a string field (none when empty).</summary>
    public static int StringSize(int field, string value) =>
        value.Length != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeStringSize(value) : 0;

    /// <summary>Bytes of a string field of <paramref name="utf8Length"/> UTF-8 bytes (none when empty).</summary>
    public static int StringSize(int field, int utf8Length) =>
        utf8Length != 0 ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(utf8Length) + utf8Length : 0;

    /// <summary>Bytes of an embedded message field of <paramref name="length"/> bytes (always written).</summary>
    public static int MessageSize(int field, int length) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(length) + length;
}
