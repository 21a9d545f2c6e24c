using System.Text;
using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class Crc32CTests
{
    public static TheoryData<string, uint> Vectors => new()
    {
        { "", 0x00000000u },
        { "a", 0xC1D04330u },
        { "123456789", 0xE3069283u },
        { "The quick brown fox jumps over the lazy dog", 0x22620404u },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Software_path_matches_known_vectors(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.AppendSoftware(0, Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hardware_path_matches_known_vectors(string text, uint expected)
    {
        Assert.True(Crc32C.IsHardwareAccelerated, "this test machine is expected to have a CRC-32C instruction (SSE 4.2 or ARM CRC)");
        Assert.Equal(expected, Crc32C.AppendHardware(0, Encoding.ASCII.GetBytes(text)));
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Rfc3720_iscsi_vectors()
    {
        var zeros = new byte[32];
        var ones = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        var ascending = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var descending = Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray();
        foreach (var compute in new Func<byte[], uint>[] { b => Crc32C.AppendSoftware(0, b), b => Crc32C.Compute(b) })
        {
            Assert.Equal(0x8A9136AAu, compute(zeros));
            Assert.Equal(0x62A8AB43u, compute(ones));
            Assert.Equal(0x46DD794Eu, compute(ascending));
            Assert.Equal(0x113FDB5Cu, compute(descending));
        }
    }

    [Fact]
    public void Hardware_and_software_paths_agree_on_random_data_of_every_length_and_alignment()
    {
        Assert.True(Crc32C.IsHardwareAccelerated, "this test machine is expected to have a CRC-32C instruction (SSE 4.2 or ARM CRC)");
        var random = new Random(20240601);
        var data = new byte[4096];
        random.NextBytes(data);
        for (var length = 0; length <= 300; length++)
        {
            for (var start = 0; start < 8; start++)
            {
                var slice = data.AsSpan(start, length);
                var seed = (uint)random.Next();
                Assert.Equal(Crc32C.AppendSoftware(seed, slice), Crc32C.AppendHardware(seed, slice));
            }
        }

        Assert.Equal(Crc32C.AppendSoftware(0, data), Crc32C.AppendHardware(0, data));
    }

    [Fact]
    public void Append_continues_a_checksum()
    {
        var data = WalTestDirectory.Payload(1000, 7);
        var whole = Crc32C.Compute(data);
        for (var split = 0; split <= data.Length; split += 37)
        {
            Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
            Assert.Equal(whole, Crc32C.AppendSoftware(Crc32C.AppendSoftware(0, data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
