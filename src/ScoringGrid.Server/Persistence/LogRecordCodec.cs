using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using ScoringGrid.V1;

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
/// <param name="Message">The request message.</param>
public readonly record struct DecodedLogRecord(LogRecordKind Kind, string Tenant, long NowMs, IMessage Message);

/// <summary>
/// The payload of a log record: kind (1 byte), tenant (UTF-8, length-prefixed with 1 byte),
/// the server's clock (8 bytes, little-endian), then the request exactly as protobuf encodes it.
/// </summary>
public static class LogRecordCodec
{
    private const int MaxTenantBytes = 255;

    /// <summary>Encodes a record into a pooled buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static (byte[] Buffer, int Length) Encode(LogRecordKind kind, string tenant, long nowMs, IMessage message)
    {
        var tenantBytes = Encoding.UTF8.GetByteCount(tenant);
        if (tenantBytes > MaxTenantBytes)
        {
            throw new ArgumentException($"tenant is {tenantBytes} UTF-8 bytes; at most {MaxTenantBytes}", nameof(tenant));
        }

        var size = message.CalculateSize();
        var length = 1 + 1 + tenantBytes + 8 + size;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var span = buffer.AsSpan(0, length);
        span[0] = (byte)kind;
        span[1] = (byte)tenantBytes;
        Encoding.UTF8.GetBytes(tenant, span.Slice(2, tenantBytes));
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(2 + tenantBytes, 8), nowMs);
        message.WriteTo(span[(10 + tenantBytes)..]);
        return (buffer, length);
    }

    /// <summary>Decodes a record; throws <see cref="InvalidDataException"/> for a payload this version does not know.</summary>
    public static DecodedLogRecord Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10 || payload.Length < 10 + payload[1])
        {
            throw new InvalidDataException($"log record of {payload.Length} bytes is too short");
        }

        var kind = (LogRecordKind)payload[0];
        var tenantBytes = payload[1];
        var tenant = Encoding.UTF8.GetString(payload.Slice(2, tenantBytes));
        var nowMs = BinaryPrimitives.ReadInt64LittleEndian(payload.Slice(2 + tenantBytes, 8));
        var body = payload[(10 + tenantBytes)..];
        IMessage message = kind switch
        {
            LogRecordKind.Ingest => IngestRequest.Parser.ParseFrom(body),
            LogRecordKind.UpsertAccount => UpsertAccountRequest.Parser.ParseFrom(body),
            _ => throw new InvalidDataException($"unknown log record kind {(byte)kind}"),
        };
        return new DecodedLogRecord(kind, tenant, nowMs, message);
    }
}
