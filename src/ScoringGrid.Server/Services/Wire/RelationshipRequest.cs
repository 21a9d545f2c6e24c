using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetRelationshipRequest read field by field from its bytes instead of into the
/// generated message: the pair's two ids stay UTF-8 bytes, so a query of accounts the directory
/// knows makes no string (the answer names them with the directory's own). Read as the protobuf
/// runtime reads the message: the last value of a field wins, the pair's occurrences merge, and
/// unknown fields (or known ones with another wire type) are skipped.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class RelationshipRequest : PooledWireRequest<RelationshipRequest>, IPoolableWireRequest<RelationshipRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Largest payload whose buffer a pooled request keeps; a larger one gets a buffer of its own, dropped on release.</summary>
    public const int MaxKeptBuffer = RequestPayload.MaxKeptBuffer;

    private const uint PairTag = (1 << 3) | 2;
    private const uint AsOfTag = (2 << 3) | 0;

    private WireString _accountA;
    private WireString _accountB;

    private RelationshipRequest()
        : base(256)
    {
    }

    /// <summary>pair = 1 was present.</summary>
    public bool HasPair { get; private set; }

    /// <summary>pair.account_a = 1.</summary>
    public WireString AccountA => _accountA;

    /// <summary>pair.account_b = 2.</summary>
    public WireString AccountB => _accountB;

    /// <summary>as_of = 2 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 2.</summary>
    public long AsOf { get; private set; }

    /// <inheritdoc />
    static int IPoolableWireRequest<RelationshipRequest>.MaxPooled => MaxPooled;

    /// <inheritdoc />
    static RelationshipRequest IPoolableWireRequest<RelationshipRequest>.Create() => new();

    /// <inheritdoc />
    private protected override void ReadFields(ReadOnlySpan<byte> message)
    {
        HasPair = false;
        HasAsOf = false;
        AsOf = 0;
        _accountA = default;
        _accountB = default;

        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case PairTag:
                    HasPair = true;
                    AccountPairFields.Read(message, reader.ReadLengthDelimited(), ref _accountA, ref _accountB);
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
