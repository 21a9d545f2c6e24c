using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace ScoringGrid.Server.Persistence;

/// <summary>What a write-ahead log record carries.</summary>
public enum LogRecordKind : byte
{
    /// <summary>A batch of interactions (an IngestRequest).</summary>
    Ingest = 1,

    /// <summary>An account upsert (an UpsertAccountRequest).</summary>
    UpsertAccount = 2,
}

/// <summary>A decoded log record.</summary>
/// <param name="Kind">What it carries.</param>
/// <param name="Tenant">The tenant of the call.</param>
/// <param name="NowMs">The server's clock when the call was accepted (validation and attribute times use it on replay).</param>
/// <param name="Body">The request's protobuf encoding (a slice of the record's payload).</param>
public readonly record struct DecodedLogRecord(LogRecordKind Kind, string Tenant, long NowMs, ReadOnlyMemory<byte> Body);

/// <summary>
/// The payload of a log record: kind (1 byte), tenant (UTF-8, length-prefixed with 1 byte),
/// the server's clock (8 bytes, little-endian), then the request exactly as protobuf encodes it
/// (an ingest batch's bytes as they were received).
/// </summary>
public static class LogRecordCodec
{
    private const int MaxTenantBytes = 255;
    private const int HeaderBytes = 1 + 1 + 8;

    /// <summary>Encodes a record of a request message into a pooled buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static (byte[] Buffer, int Length) Encode(LogRecordKind kind, string tenant, long nowMs, IMessage message)
    {
        var (buffer, bodyOffset, length) = EncodeHeader(kind, tenant, nowMs, message.CalculateSize());
        message.WriteTo(buffer.AsSpan(bodyOffset, length - bodyOffset));
        return (buffer, length);
    }

    /// <summary>Encodes a record of a request's encoded bytes into a pooled buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static (byte[] Buffer, int Length) Encode(LogRecordKind kind, string tenant, long nowMs, ReadOnlySpan<byte> body)
    {
        var (buffer, bodyOffset, length) = EncodeHeader(kind, tenant, nowMs, body.Length);
        body.CopyTo(buffer.AsSpan(bodyOffset));
        return (buffer, length);
    }

    /// <summary>Decodes a record's header; throws <see cref="InvalidDataException"/> for a payload this version does not know.</summary>
    public static DecodedLogRecord Decode(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < HeaderBytes || span.Length < HeaderBytes + span[1])
        {
            throw new InvalidDataException($"log record of {span.Length} bytes is too short");
        }

        var kind = (LogRecordKind)span[0];
        if (kind is not (LogRecordKind.Ingest or LogRecordKind.UpsertAccount))
        {
            throw new InvalidDataException($"unknown log record kind {(byte)kind}");
        }

        var tenantBytes = span[1];
        var tenant = Encoding.UTF8.GetString(span.Slice(2, tenantBytes));
        var nowMs = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(2 + tenantBytes, 8));
        return new DecodedLogRecord(kind, tenant, nowMs, payload[(HeaderBytes + tenantBytes)..]);
    }

    private static (byte[] Buffer, int BodyOffset, int Length) EncodeHeader(LogRecordKind kind, string tenant, long nowMs, int bodyLength)
    {
        var tenantBytes = Encoding.UTF8.GetByteCount(tenant);
        if (tenantBytes > MaxTenantBytes)
        {
            throw new ArgumentException($"tenant is {tenantBytes} UTF-8 bytes; at most {MaxTenantBytes}", nameof(tenant));
        }

        var bodyOffset = HeaderBytes + tenantBytes;
        var length = bodyOffset + bodyLength;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var span = buffer.AsSpan(0, bodyOffset);
        span[0] = (byte)kind;
        span[1] = (byte)tenantBytes;
        Encoding.UTF8.GetBytes(tenant, span.Slice(2, tenantBytes));
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(2 + tenantBytes, 8), nowMs);
        return (buffer, bodyOffset, length);
    }
}
