using System.Buffers;
using System.IO.Compression;

namespace ScoringGrid.Rpc;

/// <summary>The gzip message encoding: compresses a payload and decompresses one within a size limit.</summary>
internal static class GzipCompression
{
    /// <summary>Compresses a payload into a new buffer.</summary>
    public static ArraySegment<byte> Compress(ReadOnlySpan<byte> payload)
    {
        var output = new MemoryStream(payload.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return new ArraySegment<byte>(output.GetBuffer(), 0, (int)output.Length);
    }

    /// <summary>
    /// Decompresses a payload; a result longer than <paramref name="maxLength"/> is refused
    /// with RESOURCE_EXHAUSTED and corrupt input with INTERNAL.
    /// </summary>
    public static ReadOnlySequence<byte> Decompress(in ReadOnlySequence<byte> payload, int maxLength)
    {
        var input = new MemoryStream(payload.ToArray(), writable: false);
        var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            int read;
            while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"Decompressed message exceeds the maximum message size of {maxLength} bytes."));
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress the gzip message: " + ex.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
