using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.ListOpenExpectationsRequest (account_id = 1, limit = 2, as_of = 3) read field by
/// field from its bytes instead of into the generated message: the id stays UTF-8 bytes, so a query of
/// an account the directory knows makes no string. Read as the protobuf runtime reads the message: the
/// last value of a field wins, the uint32 keeps the low 32 bits of its varint, and unknown fields (or
/// known ones with another wire type) are skipped.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class OpenExpectationsRequest : PooledWireRequest<OpenExpectationsRequest>, IPoolableWireRequest<OpenExpectationsRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const uint AccountIdTag = (1 << 3) | 2;
    private const uint LimitTag = (2 << 3) | 0;
    private const uint AsOfTag = (3 << 3) | 0;

    private OpenExpectationsRequest()
        : base(128)
    {
    }

    /// <summary>account_id = 1.</summary>
    public WireString AccountId { get; private set; }

    /// <summary>limit = 2.</summary>
    public uint Limit { get; private set; }

    /// <summary>as_of = 3 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 3.</summary>
    public long AsOf { get; private set; }

    /// <inheritdoc />
    static int IPoolableWireRequest<OpenExpectationsRequest>.MaxPooled => MaxPooled;

    /// <inheritdoc />
    static OpenExpectationsRequest IPoolableWireRequest<OpenExpectationsRequest>.Create() => new();

    /// <inheritdoc />
    private protected override void ReadFields(ReadOnlySpan<byte> message)
    {
        AccountId = default;
        Limit = 0;
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
                case LimitTag:
                    Limit = unchecked((uint)reader.ReadVarint());
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
