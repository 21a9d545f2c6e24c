using System.Threading.Tasks.Sources;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetTopRelationships as a single work item: the account's best relationships in one list,
/// copied in a turn of the partition that owns the account into the item's own buffer (other accounts
/// by directory handle). No closure, grain reference, task or result array per call: the item is
/// itself what <see cref="RunAsync"/> returns (a value task over it), and items are pooled
/// (<see cref="Rent"/>, <see cref="Release"/>), so a query allocates nothing once the pool holds as
/// many as there are queries in flight.
/// </summary>
internal sealed class TopRelationshipsQuery : WorkItem, IValueTaskSource<bool>
{
    /// <summary>Most items kept for reuse; queries in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Largest listing whose buffer a pooled item keeps; a longer one gets a buffer of its own, dropped on release.</summary>
    public const int MaxKeptEntries = 256;

    private static readonly ReusePool<TopRelationshipsQuery> Pool = new(MaxPooled, static () => new TopRelationshipsQuery());

    private RankedRelationship<int>[] _kept = new RankedRelationship<int>[16];
    private RankedRelationship<int>[] _entries;
    private GrainId _account;
    private GrainPartition _partition = null!;
    private int _list;
    private int _limit;
    private int _count;
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
    private int _rented; // 1 from Rent to Release

    private TopRelationshipsQuery() => _entries = _kept;

    /// <summary>How many items the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>The entries copied, best first, once <see cref="RunAsync"/> answered true.</summary>
    public ReadOnlySpan<RankedRelationship<int>> Entries => _entries.AsSpan(0, _count);

    /// <summary>
    /// An item for one query, from the pool: the best <paramref name="limit"/> entries of
    /// <paramref name="list"/> (a <see cref="RankingLists"/> list) of the account. Run it once; give
    /// it back with <see cref="Release"/> once its entries are read.
    /// </summary>
    public static TopRelationshipsQuery Rent(GrainRuntime runtime, GrainId account, int list, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var query = Pool.Take();
        query._account = account;
        query._partition = runtime.PartitionOf(account);
        query._list = list;
        query._limit = limit;
        query._count = 0;
        query._entries = limit <= query._kept.Length ? query._kept
            : limit <= MaxKeptEntries ? (query._kept = new RankedRelationship<int>[MaxKeptEntries])
            : new RankedRelationship<int>[limit];
        query._rented = 1; // _done is fresh, or was reset when the item was given back
        return query;
    }

    /// <summary>
    /// Gives the item back to the pool once <see cref="RunAsync"/> has answered; nothing may read it
    /// afterwards. An item whose run failed is not given back (its turn may still be queued), and
    /// giving one back twice does nothing.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _account = default;
            _partition = null!;
            _entries = _kept;
            _count = 0;
            _done.Reset(); // drops the last awaiter's continuation, so a pooled item keeps no request alive
            Pool.Return(this);
        }
    }

    /// <summary>Reads the listing in the account's turn; true when the account was ever seen. Await it once.</summary>
    public ValueTask<bool> RunAsync()
    {
        _partition.Run(this);
        return new ValueTask<bool>(this, _done.Version);
    }

    /// <inheritdoc />
    bool IValueTaskSource<bool>.GetResult(short token) => _done.GetResult(token);

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _done.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _done.OnCompleted(continuation, state, token, flags);

    /// <inheritdoc />
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var grain = await partition.GetOrActivateAsync<AccountGrain>(_account).ConfigureAwait(false);
        var count = grain.ReadTop(_list, _entries.AsSpan(0, _limit));
        _count = Math.Max(count, 0);
        _done.SetResult(count >= 0);
    }

    /// <inheritdoc />
    protected override void Fail(Exception exception) => _done.SetException(exception);
}
