using System.Buffers;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetRelationshipRequest read field by field from its bytes instead of into the
/// generated message: the pair's two ids stay UTF-8 bytes, so a query of accounts the directory
/// knows makes no string (the answer names them with the directory's own). Read as the protobuf
/// runtime reads the message: the last value of a field wins, the pair's occurrences merge, and
/// unknown fields (or known ones with another wire type) are skipped.
/// </summary>
/// <remarks>
/// Pooled: the marshaller rents one per call and the handler gives it back with <see cref="Release"/>
/// once it has read it (nothing may read it afterwards).
/// </remarks>
public sealed class RelationshipRequest
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Largest payload whose buffer a pooled request keeps; a larger one gets a buffer of its own, dropped on release.</summary>
    public const int MaxKeptBuffer = RequestPayload.MaxKeptBuffer;

    private const uint PairTag = (1 << 3) | 2;
    private const uint AsOfTag = (2 << 3) | 0;
    private const uint AccountATag = (1 << 3) | 2;
    private const uint AccountBTag = (2 << 3) | 2;

    private static readonly ReusePool<RelationshipRequest> Pool = new(MaxPooled, static () => new RelationshipRequest());

    private RequestPayload _payload = new(256);
    private int _rented; // 1 while rented from the pool

    private RelationshipRequest()
    {
    }

    /// <summary>pair = 1 was present.</summary>
    public bool HasPair { get; private set; }

    /// <summary>pair.account_a = 1.</summary>
    public WireString AccountA { get; private set; }

    /// <summary>pair.account_b = 2.</summary>
    public WireString AccountB { get; private set; }

    /// <summary>as_of = 2 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 2.</summary>
    public long AsOf { get; private set; }

    /// <summary>How many requests the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>Reads a request from its bytes; throws <see cref="FormatException"/> when they are not one.</summary>
    public static RelationshipRequest Parse(in ReadOnlySequence<byte> payload)
    {
        var request = Pool.Take();
        request._rented = 1;
        try
        {
            request.Read(payload);
        }
        catch
        {
            request.Release();
            throw;
        }

        return request;
    }

    /// <summary>The UTF-8 bytes of a string field.</summary>
    public ReadOnlySpan<byte> Utf8(WireString field) => _payload.Bytes(field);

    /// <summary>A string field as text, invalid UTF-8 replaced as the protobuf runtime replaces it.</summary>
    public string String(WireString field) => _payload.String(field);

    /// <summary>
    /// Gives the request back to the pool; nothing may read it afterwards. Does nothing once given
    /// back, so a request is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _payload.Drop();
            Pool.Return(this);
        }
    }

    private void Read(in ReadOnlySequence<byte> payload)
    {
        var bytes = _payload.CopyFrom(payload);
        HasPair = false;
        HasAsOf = false;
        AsOf = 0;
        AccountA = default;
        AccountB = default;

        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case PairTag:
                    HasPair = true;
                    ReadPair(reader.ReadLengthDelimited());
                    break;
                case AsOfTag:
                    HasAsOf = true;
                    AsOf = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }
    }

    private void ReadPair(WireString pair)
    {
        var reader = new ProtoWireReader(_payload.Bytes(pair));
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case AccountATag:
                    AccountA = Within(pair, reader.ReadLengthDelimited());
                    break;
                case AccountBTag:
                    AccountB = Within(pair, reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }
    }

    private static WireString Within(WireString outer, WireString inner) => new(outer.Offset + inner.Offset, inner.Length);
}
