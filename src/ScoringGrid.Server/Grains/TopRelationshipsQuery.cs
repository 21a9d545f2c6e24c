using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetTopRelationships: the account's best relationships in one list, copied in the account's turn
/// into the item's own buffer (other accounts by directory handle), so no result array is made per call.
/// Pooled (<see cref="AccountQuery"/>).
/// </summary>
internal sealed class TopRelationshipsQuery : AccountQuery
{
    /// <summary>Most items kept for reuse; queries in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Largest listing whose buffer a pooled item keeps; a longer one gets a buffer of its own, dropped on release.</summary>
    public const int MaxKeptEntries = 256;

    private static readonly ReusePool<TopRelationshipsQuery> Pool = new(MaxPooled, static () => new TopRelationshipsQuery());

    private KeptArray<RankedRelationship<int>> _entries = new(16, MaxKeptEntries);
    private int _list;
    private int _limit;
    private int _count;

    private TopRelationshipsQuery()
    {
    }

    /// <summary>How many items the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>The entries copied, best first, once <see cref="AccountQuery.RunAsync"/> answered true.</summary>
    public ReadOnlySpan<RankedRelationship<int>> Entries => _entries.Current.AsSpan(0, _count);

    /// <summary>
    /// An item for one query, from the pool: the best <paramref name="limit"/> entries of
    /// <paramref name="list"/> (a <see cref="RankingLists"/> list) of the account. Run it once; give
    /// it back with <see cref="AccountQuery.Release"/> once its entries are read.
    /// </summary>
    public static TopRelationshipsQuery Rent(GrainRuntime runtime, GrainId account, int list, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var query = Pool.Take();
        query._list = list;
        query._limit = limit;
        query._count = 0;
        query._entries.For(limit);
        query.Start(runtime, account);
        return query;
    }

    /// <inheritdoc />
    private protected override bool Read(AccountGrain grain)
    {
        var count = grain.ReadTop(_list, _entries.Current.AsSpan(0, _limit));
        _count = Math.Max(count, 0);
        return count >= 0;
    }

    /// <inheritdoc />
    private protected override void Clear()
    {
        _entries.Drop();
        _count = 0;
    }

    /// <inheritdoc />
    private protected override void ReturnToPool() => Pool.Return(this);
}
