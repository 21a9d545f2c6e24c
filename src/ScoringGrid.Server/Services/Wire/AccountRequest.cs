using System.Buffers;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.GetAccountScoreRequest (account_id = 1, as_of = 2) read field by field from its
/// bytes instead of into the generated message: the id stays UTF-8 bytes, so a query of an account
/// the directory knows makes no string.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class AccountRequest : PooledWireRequest, IWireRequest<AccountRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const uint AccountIdTag = (1 << 3) | 2;
    private const uint AsOfTag = (2 << 3) | 0;

    private static readonly ReusePool<AccountRequest> Pool = new(MaxPooled, static () => new AccountRequest());

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

    /// <summary>How many requests the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>Reads a request from its bytes; throws <see cref="FormatException"/> when they are not one.</summary>
    public static AccountRequest Parse(in ReadOnlySequence<byte> payload) => Read(Pool.Take(), payload);

    /// <inheritdoc />
    private protected override void ReturnToPool() => Pool.Return(this);

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
