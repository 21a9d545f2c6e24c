using System.Buffers;
using System.Buffers.Binary;

namespace ScoringGrid.Rpc;

/// <summary>Writes length-prefixed gRPC messages into a buffer writer (the caller flushes).</summary>
internal static class MessageFrameWriter
{
    /// <summary>Messages up to this size are serialized straight into the output's buffer.</summary>
    private const int DirectWriteLimit = 4096 - GrpcProtocol.MessagePrefixLength;

    /// <summary>Pass as the compression threshold to never compress.</summary>
    public const int NeverCompress = -1;

    /// <summary>
    /// Frames one message. A message of at least <paramref name="compressionThreshold"/> bytes
    /// (when that is not <see cref="NeverCompress"/>) is gzip-compressed and flagged; a message
    /// over <paramref name="maxMessageSize"/> fails with RESOURCE_EXHAUSTED.
    /// </summary>
    public static void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, int compressionThreshold, int? maxMessageSize)
    {
        var size = marshaller.GetSize(message);
        var compress = compressionThreshold != NeverCompress && size >= compressionThreshold;
        if (maxMessageSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum message size of {max} bytes."));
        }

        if (!compress && size <= DirectWriteLimit)
        {
            var span = output.GetSpan(GrpcProtocol.MessagePrefixLength + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            marshaller.Serialize(message, span.Slice(GrpcProtocol.MessagePrefixLength, size));
            output.Advance(GrpcProtocol.MessagePrefixLength + size);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var payload = rented.AsSpan(0, size);
            marshaller.Serialize(message, payload);
            if (compress)
            {
                var compressed = GzipCompression.Compress(payload);
                WritePrefixed(output, compressed, flag: 1);
            }
            else
            {
                WritePrefixed(output, payload, flag: 0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WritePrefixed(IBufferWriter<byte> output, ReadOnlySpan<byte> payload, byte flag)
    {
        var prefix = output.GetSpan(GrpcProtocol.MessagePrefixLength);
        prefix[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)payload.Length);
        output.Advance(GrpcProtocol.MessagePrefixLength);
        output.Write(payload);
    }
}
