using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ScoringGrid.Grains.Log;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF),
/// the checksum of every log record. Uses the CPU's CRC instruction when there is one (SSE 4.2 on
/// x86, the CRC extension on ARM) and a table-driven slicing-by-8 computation otherwise; both give
/// the same results.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    // Table[k][b]: the CRC of byte b followed by k zero bytes; Table[0] is the classic byte table.
    private static readonly uint[] Table = BuildTable();

    /// <summary>Whether <see cref="Compute"/> uses a hardware instruction on this machine.</summary>
    public static bool IsHardwareAccelerated =>
        Sse42.X64.IsSupported || Sse42.IsSupported || Crc32.Arm64.IsSupported || Crc32.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC-32C: <c>Append(Compute(a), b) == Compute(a + b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        IsHardwareAccelerated ? AppendHardware(crc, data) : AppendSoftware(crc, data);

    /// <summary>The table-driven computation (used when no CRC instruction is available).</summary>
    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        var table = Table;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ state;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            state = table[(7 * 256) + (low & 0xFF)]
                ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + (high & 0xFF)]
                ^ table[(2 * 256) + ((high >> 8) & 0xFF)]
                ^ table[(1 * 256) + ((high >> 16) & 0xFF)]
                ^ table[high >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            state = table[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return ~state;
    }

    /// <summary>
    /// The computation with the CPU's CRC instruction. Throws <see cref="PlatformNotSupportedException"/>
    /// when the machine has none.
    /// </summary>
    internal static uint AppendHardware(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        if (Sse42.X64.IsSupported)
        {
            ulong wide = state;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            state = (uint)wide;
        }
        else if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }

        if (Sse42.IsSupported)
        {
            while (data.Length >= 4)
            {
                state = Sse42.Crc32(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }

            foreach (var b in data)
            {
                state = Sse42.Crc32(state, b);
            }
        }
        else if (Crc32.IsSupported)
        {
            while (data.Length >= 4)
            {
                state = Crc32.ComputeCrc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }

            foreach (var b in data)
            {
                state = Crc32.ComputeCrc32C(state, b);
            }
        }
        else
        {
            throw new PlatformNotSupportedException("This CPU has no CRC-32C instruction.");
        }

        return ~state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[b] = crc;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
