using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Server.Persistence;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.Persistence;

/// <summary>A log record is a header and the request's bytes, whether it was encoded here or received so.</summary>
public sealed class LogRecordCodecTests
{
    private static readonly IngestRequest Request = Batch(
        Make("fan", "brand", InteractionKind.Mention, T0, "r1"),
        Make("brand", "fan", InteractionKind.Reply, T0 + Hour, "r2"));

    [Fact]
    public void A_message_and_its_bytes_encode_to_the_same_record()
    {
        var (fromMessage, messageLength) = LogRecordCodec.Encode(LogRecordKind.Ingest, "tenant-é", 42, Request);
        var (fromBytes, bytesLength) = LogRecordCodec.Encode(LogRecordKind.Ingest, "tenant-é", 42, Request.ToByteArray());
        try
        {
            Assert.Equal(fromMessage.AsSpan(0, messageLength).ToArray(), fromBytes.AsSpan(0, bytesLength).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(fromMessage);
            ArrayPool<byte>.Shared.Return(fromBytes);
        }
    }

    [Fact]
    public void A_record_decodes_to_its_header_and_the_bytes_it_was_given()
    {
        byte[] body = [.. Request.ToByteArray(), 0xB8, 0x04, 0x01]; // an unknown field (71) the log keeps as received
        var (buffer, length) = LogRecordCodec.Encode(LogRecordKind.UpsertAccount, "tenant-a", -7, body);
        try
        {
            var record = LogRecordCodec.Decode(buffer.AsMemory(0, length));

            Assert.Equal(LogRecordKind.UpsertAccount, record.Kind);
            Assert.Equal("tenant-a", record.Tenant);
            Assert.Equal(-7, record.NowMs);
            Assert.Equal(body, record.Body.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0 })] // shorter than a header
    [InlineData(new byte[] { 1, 9, 0, 0, 0, 0, 0, 0, 0, 0 })] // a tenant longer than the record
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 })] // a kind this version does not know
    public void A_record_this_version_cannot_read_is_refused(byte[] payload) =>
        Assert.Throws<InvalidDataException>(() => LogRecordCodec.Decode(payload));

    [Fact]
    public void A_tenant_over_255_bytes_is_refused() =>
        Assert.Throws<ArgumentException>(() => LogRecordCodec.Encode(LogRecordKind.Ingest, new string('t', 256), 0, ReadOnlySpan<byte>.Empty));
}
