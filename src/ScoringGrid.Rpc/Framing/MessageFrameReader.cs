using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace ScoringGrid.Rpc;

/// <summary>What reading one message from a stream produced.</summary>
/// <typeparam name="T">Message type.</typeparam>
/// <param name="HasMessage">False at the clean end of the stream.</param>
/// <param name="Message">The message when there was one.</param>
/// <param name="WasCompressed">Whether the message arrived compressed.</param>
internal readonly record struct MessageReadResult<T>(bool HasMessage, T Message, bool WasCompressed);

/// <summary>
/// Reads length-prefixed gRPC messages from a pipe, across any DATA frame boundaries:
/// a 1-byte compressed flag, a 4-byte big-endian length, then the payload.
/// </summary>
internal static class MessageFrameReader
{
    /// <summary>
    /// Reads the next message. Protocol errors surface as <see cref="RpcException"/>:
    /// too large (RESOURCE_EXHAUSTED), truncated, undecodable or compressed without an
    /// encoding (INTERNAL).
    /// </summary>
    public static async ValueTask<MessageReadResult<T>> ReadAsync<T>(
        PipeReader reader, Marshaller<T> marshaller, int maxMessageSize, string? encoding, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, maxMessageSize, out var compressed, out var payload))
            {
                T message;
                try
                {
                    message = Decode(payload, compressed, marshaller, maxMessageSize, encoding);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }

                return new MessageReadResult<T>(true, message, compressed);
            }

            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                {
                    return default;
                }

                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message."));
            }

            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("The read was cancelled.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Finds one whole message at the start of <paramref name="buffer"/>; on success the
    /// buffer is moved past it. Throws RESOURCE_EXHAUSTED as soon as a prefix announces a
    /// message over the limit, without waiting for its bytes.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.MessagePrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocol.MessagePrefixLength];
        buffer.Slice(0, GrpcProtocol.MessagePrefixLength).CopyTo(prefix);
        var flag = prefix[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid message prefix: compressed flag {flag} is neither 0 nor 1."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum message size of {maxMessageSize} bytes."));
        }

        if (buffer.Length < GrpcProtocol.MessagePrefixLength + length)
        {
            return false;
        }

        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocol.MessagePrefixLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static T Decode<T>(ReadOnlySequence<byte> payload, bool compressed, Marshaller<T> marshaller, int maxMessageSize, string? encoding)
    {
        if (compressed)
        {
            if (encoding is null || string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
            {
                throw new RpcException(new Status(StatusCode.Internal,
                    "A message has the compressed flag set but the stream's grpc-encoding is identity."));
            }

            payload = GzipCompression.Decompress(payload, maxMessageSize);
        }

        try
        {
            return marshaller.Deserialize(payload);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message: " + ex.Message));
        }
    }
}
