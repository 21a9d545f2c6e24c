using System.Buffers;

namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>
/// The schema of scoringgrid.v1.IngestRequest and Interaction on the wire, read the way the
/// protobuf runtime reads them: the last occurrence of a field wins, every occurrence of a repeated
/// message adds one, a field of unknown number or unexpected wire type is skipped.
/// </summary>
internal static class IngestWireParser
{
    private const int InitialCapacityLimit = 4096;

    // IngestRequest
    private const uint BatchIdTag = (1 << 3) | ProtoWireReader.LengthDelimited;
    private const uint InteractionsTag = (2 << 3) | ProtoWireReader.LengthDelimited;

    // Interaction
    private const uint EventIdTag = (1 << 3) | ProtoWireReader.LengthDelimited;
    private const uint ActorTag = (2 << 3) | ProtoWireReader.LengthDelimited;
    private const uint TargetTag = (3 << 3) | ProtoWireReader.LengthDelimited;
    private const uint KindTag = (4 << 3) | ProtoWireReader.Varint;
    private const uint OccurredAtTag = (5 << 3) | ProtoWireReader.Varint;
    private const uint InReplyToTag = (6 << 3) | ProtoWireReader.LengthDelimited;
    private const uint ValueTag = (7 << 3) | ProtoWireReader.Fixed64;
    private const uint SentimentTag = (8 << 3) | ProtoWireReader.Fixed64;

    /// <summary>Reads an IngestRequest: its batch_id and its interactions into <paramref name="items"/> (rented, grown as needed).</summary>
    public static (WireString BatchId, int Count) Read(ReadOnlySpan<byte> payload, ref WireInteraction[] items)
    {
        var reader = new ProtoWireReader(payload);
        var batchId = default(WireString);
        var count = 0;
        if (items.Length == 0)
        {
            // Sized from the payload (an interaction takes a few dozen bytes), to grow seldom.
            items = ArrayPool<WireInteraction>.Shared.Rent(Math.Clamp(payload.Length / 32, 16, InitialCapacityLimit));
        }

        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case BatchIdTag:
                    batchId = reader.ReadLengthDelimited();
                    break;
                case InteractionsTag:
                    var body = reader.ReadLengthDelimited();
                    if (count == items.Length)
                    {
                        Grow(ref items, count);
                    }

                    try
                    {
                        items[count] = ReadInteraction(payload, body);
                    }
                    catch (FormatException e)
                    {
                        throw new FormatException($"interactions[{count}]: {e.Message}", e);
                    }

                    count++;
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }

        return (batchId, count);
    }

    private static WireInteraction ReadInteraction(ReadOnlySpan<byte> payload, WireString body)
    {
        // Offsets are kept relative to the whole payload.
        var reader = new ProtoWireReader(payload.Slice(body.Offset, body.Length));
        var at = body.Offset;
        var item = default(WireInteraction);
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case EventIdTag:
                    item.EventId = Shift(reader.ReadLengthDelimited(), at);
                    break;
                case ActorTag:
                    item.Actor = Shift(reader.ReadLengthDelimited(), at);
                    break;
                case TargetTag:
                    item.Target = Shift(reader.ReadLengthDelimited(), at);
                    break;
                case KindTag:
                    item.Kind = unchecked((int)reader.ReadVarint());
                    break;
                case OccurredAtTag:
                    item.OccurredAt = unchecked((long)reader.ReadVarint());
                    break;
                case InReplyToTag:
                    item.InReplyTo = Shift(reader.ReadLengthDelimited(), at);
                    break;
                case ValueTag:
                    item.Value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    item.HasValue = true;
                    break;
                case SentimentTag:
                    item.Sentiment = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    item.HasSentiment = true;
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }

        return item;
    }

    private static WireString Shift(WireString field, int by) => new(field.Offset + by, field.Length);

    private static void Grow(ref WireInteraction[] items, int count)
    {
        var larger = ArrayPool<WireInteraction>.Shared.Rent(Math.Max(64, count * 2));
        items.AsSpan(0, count).CopyTo(larger);
        if (items.Length > 0)
        {
            ArrayPool<WireInteraction>.Shared.Return(items);
        }

        items = larger;
    }
}
