using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetTopRelationshipsRequest read field by field from its bytes instead of into the
/// generated message: the account id stays UTF-8 bytes, so a query of an account the directory knows
/// makes no string. Read as the protobuf runtime reads the message: the last value of a field wins,
/// enums and uint32 keep the low 32 bits of their varint, and unknown fields (or known ones with
/// another wire type) are skipped.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class TopRelationshipsRequest : PooledWireRequest<TopRelationshipsRequest>, IPoolableWireRequest<TopRelationshipsRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const uint AccountIdTag = (1 << 3) | 2;
    private const uint DirectionTag = (2 << 3) | 0;
    private const uint LimitTag = (3 << 3) | 0;
    private const uint MinimumTierTag = (4 << 3) | 0;
    private const uint AsOfTag = (5 << 3) | 0;

    private TopRelationshipsRequest()
        : base(128)
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

    /// <inheritdoc />
    static int IPoolableWireRequest<TopRelationshipsRequest>.MaxPooled => MaxPooled;

    /// <inheritdoc />
    static TopRelationshipsRequest IPoolableWireRequest<TopRelationshipsRequest>.Create() => new();

    /// <inheritdoc />
    private protected override void ReadFields(ReadOnlySpan<byte> message)
    {
        AccountId = default;
        Direction = 0;
        Limit = 0;
        MinimumTier = 0;
        HasAsOf = false;
        AsOf = 0;

        var reader = new ProtoWireReader(message);
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
