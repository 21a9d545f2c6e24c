using System.Buffers;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetTopRelationshipsRequest read field by field from its bytes instead of into the
/// generated message: the account id stays UTF-8 bytes, so a query of an account the directory knows
/// makes no string. Read as the protobuf runtime reads the message: the last value of a field wins,
/// enums and uint32 keep the low 32 bits of their varint, and unknown fields (or known ones with
/// another wire type) are skipped.
/// </summary>
/// <remarks>
/// Pooled: the marshaller rents one per call and the handler gives it back with <see cref="Release"/>
/// once it has read it (nothing may read it afterwards).
/// </remarks>
public sealed class TopRelationshipsRequest
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const uint AccountIdTag = (1 << 3) | 2;
    private const uint DirectionTag = (2 << 3) | 0;
    private const uint LimitTag = (3 << 3) | 0;
    private const uint MinimumTierTag = (4 << 3) | 0;
    private const uint AsOfTag = (5 << 3) | 0;

    private static readonly ReusePool<TopRelationshipsRequest> Pool = new(MaxPooled, static () => new TopRelationshipsRequest());

    private RequestPayload _payload = new(128);
    private int _rented; // 1 while rented from the pool

    private TopRelationshipsRequest()
    {
    }

    /// <summary>account_id = 1.</summary>
    public WireString AccountId { get; private set; }

    /// <summary>direction = 2, as the int32 the runtime reads (possibly not a known direction).</summary>
    public int Direction { get; private set; }

    /// <summary>limit = 3.</summary>
    public uint Limit { get; private set; }

    /// <summary>minimum_tier = 4, as the int32 the runtime reads (possibly not a known tier).</summary>
    public int MinimumTier { get; private set; }

    /// <summary>as_of = 5 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 5.</summary>
    public long AsOf { get; private set; }

    /// <summary>How many requests the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>Reads a request from its bytes; throws <see cref="FormatException"/> when they are not one.</summary>
    public static TopRelationshipsRequest Parse(in ReadOnlySequence<byte> payload)
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
        AccountId = default;
        Direction = 0;
        Limit = 0;
        MinimumTier = 0;
        HasAsOf = false;
        AsOf = 0;

        var reader = new ProtoWireReader(_payload.CopyFrom(payload));
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case AccountIdTag:
                    AccountId = reader.ReadLengthDelimited();
                    break;
                case DirectionTag:
                    Direction = unchecked((int)reader.ReadVarint());
                    break;
                case LimitTag:
                    Limit = unchecked((uint)reader.ReadVarint());
                    break;
                case MinimumTierTag:
                    MinimumTier = unchecked((int)reader.ReadVarint());
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
}
