using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetAccountScoreRequest (account_id = 1, as_of = 2) read field by field from its
/// bytes instead of into the generated message: the id stays UTF-8 bytes, so a query of an account
/// the directory knows makes no string.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class AccountRequest : PooledWireRequest<AccountRequest>, IPoolableWireRequest<AccountRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const uint AccountIdTag = (1 << 3) | 2;
    private const uint AsOfTag = (2 << 3) | 0;

    private AccountRequest()
        : base(128)
    {
    }

    /// <summary>account_id = 1.</summary>
    public WireString AccountId { get; private set; }

    /// <summary>as_of = 2 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 2.</summary>
    public long AsOf { get; private set; }

    /// <inheritdoc />
    static int IPoolableWireRequest<AccountRequest>.MaxPooled => MaxPooled;

    /// <inheritdoc />
    static AccountRequest IPoolableWireRequest<AccountRequest>.Create() => new();

    /// <inheritdoc />
    private protected override void ReadFields(ReadOnlySpan<byte> message)
    {
        AccountId = default;
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
