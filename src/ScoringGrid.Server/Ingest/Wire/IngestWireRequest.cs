using System.Buffers;
using System.Text;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>
/// A scoringgrid.v1.IngestRequest kept as the bytes it arrived in, with each interaction's fields
/// located (<see cref="WireInteraction"/>): ingest reads ids straight from the bytes and makes a
/// string only of what the state keeps, and the write-ahead log stores the bytes as they came.
/// The payload and the interaction array are pooled; <see cref="Dispose"/> gives them back, after
/// which nothing may read the request.
/// </summary>
public sealed class IngestWireRequest : IDisposable
{
    private byte[] _payload;
    private WireInteraction[] _items;

    private IngestWireRequest(int length)
    {
        _payload = ArrayPool<byte>.Shared.Rent(length);
        Length = length;
        _items = [];
    }

    /// <summary>Length of the payload in bytes.</summary>
    public int Length { get; }

    /// <summary>batch_id = 1.</summary>
    public string BatchId { get; private set; } = "";

    /// <summary>Number of interactions.</summary>
    public int Count { get; private set; }

    /// <summary>The request's bytes, exactly as received.</summary>
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, Length);

    /// <summary>The request's bytes, exactly as received.</summary>
    public ReadOnlyMemory<byte> PayloadMemory => _payload.AsMemory(0, Length);

    /// <summary>Interaction <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public ref readonly WireInteraction this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _items[index];
        }
    }

    /// <summary>The UTF-8 bytes of a string field.</summary>
    public ReadOnlySpan<byte> Utf8(WireString field) => _payload.AsSpan(field.Offset, field.Length);

    /// <summary>A string field as text (invalid UTF-8 replaced, as the protobuf runtime does).</summary>
    public string String(WireString field) => field.Length == 0 ? "" : Encoding.UTF8.GetString(Utf8(field));

    /// <summary>Interaction <paramref name="index"/> as the validation rules see it: ids measured in their bytes.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <param name="maxIdBytes">The id limit (<see cref="ScoringModel.MaxIdBytes"/>).</param>
    public InteractionFacts Facts(int index, int maxIdBytes)
    {
        ref readonly var item = ref this[index];
        var actor = Utf8(item.Actor);
        var target = Utf8(item.Target);
        return new InteractionFacts(
            InteractionValidation.MeasureId(Utf8(item.EventId), maxIdBytes),
            InteractionValidation.MeasureId(actor, maxIdBytes),
            InteractionValidation.MeasureId(target, maxIdBytes),
            actor.SequenceEqual(target),
            item.Kind,
            item.OccurredAt,
            InteractionValidation.MeasureId(Utf8(item.InReplyTo), maxIdBytes),
            item.HasValue ? item.Value : 0,
            item.HasSentiment ? item.Sentiment : null);
    }

    /// <summary>Reads a request from its bytes (copied into a pooled buffer); throws <see cref="FormatException"/> when they are not one.</summary>
    public static IngestWireRequest Parse(in ReadOnlySequence<byte> payload)
    {
        var request = new IngestWireRequest(checked((int)payload.Length));
        payload.CopyTo(request._payload);
        return request.Read();
    }

    /// <summary>Reads a request from its bytes (copied into a pooled buffer); throws <see cref="FormatException"/> when they are not one.</summary>
    public static IngestWireRequest Parse(ReadOnlySpan<byte> payload)
    {
        var request = new IngestWireRequest(payload.Length);
        payload.CopyTo(request._payload);
        return request.Read();
    }

    /// <summary>Gives the pooled buffers back; later calls do nothing.</summary>
    public void Dispose()
    {
        var payload = Interlocked.Exchange(ref _payload, []);
        if (payload.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(payload);
        }

        var items = _items;
        _items = [];
        Count = 0;
        if (items.Length > 0)
        {
            ArrayPool<WireInteraction>.Shared.Return(items);
        }
    }

    private IngestWireRequest Read()
    {
        try
        {
            var (batchId, count) = IngestWireParser.Read(Payload, ref _items);
            BatchId = batchId.Length == 0 ? "" : String(batchId);
            Count = count;
            return this;
        }
        catch
        {
            Dispose();
            throw;
        }
    }
}
