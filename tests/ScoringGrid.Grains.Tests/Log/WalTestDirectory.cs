using System.Buffers.Binary;
using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

/// <summary>A temporary log directory, deleted on dispose, with helpers to inspect and damage segment files.</summary>
internal sealed class WalTestDirectory : IDisposable
{
    public WalTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sg-wal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public WriteAheadLogOptions Options(long segmentSize = 64L * 1024 * 1024, bool fsync = true, int maxRecordSize = 64 * 1024 * 1024) => new()
    {
        Directory = Path,
        SegmentSize = segmentSize,
        Fsync = fsync,
        MaxRecordSize = maxRecordSize,
    };

    /// <summary>Segment files, oldest first.</summary>
    public string[] Segments() =>
        Directory.GetFiles(Path, "*.wal").Where(f => System.IO.Path.GetFileName(f).Length == 24).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Offset, payload length and position of every record of a segment, by its length fields.</summary>
    public static List<(long Offset, int Length, long Position)> Records(string segment)
    {
        var bytes = File.ReadAllBytes(segment);
        var records = new List<(long, int, long)>();
        var offset = 32;
        while (offset + 16 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var position = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 8));
            records.Add((offset, length, position));
            offset += 16 + length;
        }

        return records;
    }

    public static void FlipByte(string file, long offset, byte mask = 0xFF)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var value = (byte)stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ mask));
    }

    public static void Truncate(string file, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(length);
    }

    /// <summary>A payload whose bytes depend on its seed.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

internal static class WalTestExtensions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<long> Bounded(this ValueTask<long> append) => append.AsTask().WaitAsync(Timeout);

    public static Task Bounded(this ValueTask task) => task.AsTask().WaitAsync(Timeout);
}
