using System.Threading.Tasks.Sources;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetRelationship as a single work item: the pair's record (copied) and the pair's rank on each
/// side, each part read in a turn of the partition that owns it. The item goes once to each distinct
/// partition involved (with two partitions, often one) and completes when the last part is done: no
/// closure, grain reference or task per part, and the item is itself what <see cref="RunAsync"/>
/// returns (a value task over it). Items are pooled (<see cref="Rent"/>, <see cref="Release"/>), so
/// a query allocates nothing once the pool holds as many as there are queries in flight.
/// </summary>
internal sealed class RelationshipQuery : WorkItem, IValueTaskSource<bool>
{
    /// <summary>Most items kept for reuse; queries in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private static readonly ReusePool<RelationshipQuery> Pool = new(MaxPooled, static () => new RelationshipQuery());

    private RelationshipGrainType _relationships = null!;
    private RelationshipKey _key;
    private int _first;
    private int _second;
    private GrainId _firstGrain;
    private GrainId _secondGrain;
    private GrainPartition _pairPartition = null!;
    private GrainPartition _firstPartition = null!;
    private GrainPartition _secondPartition = null!;
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
    private int _pending;
    private int _rented; // 1 from Rent to Release
    private bool _found;
    private RelationshipRecord _record;

    private RelationshipQuery()
    {
    }

    /// <summary>An item for one query, from the pool. Run it once; give it back with <see cref="Release"/> once its results are read.</summary>
    public static RelationshipQuery Rent(GrainRuntime runtime, RelationshipGrainType relationships, int first, int second)
    {
        var query = Pool.Take();
        query._relationships = relationships;
        query._key = new RelationshipKey(first, second);
        query._first = first;
        query._second = second;
        query._firstGrain = relationships.Directory[first].GrainId;
        query._secondGrain = relationships.Directory[second].GrainId;
        query._pairPartition = runtime.PartitionOf(relationships.PlacementHash(query._key));
        query._firstPartition = runtime.PartitionOf(query._firstGrain);
        query._secondPartition = runtime.PartitionOf(query._secondGrain);
        query._found = false;
        query._record = default;
        query.RankForFirst = null;
        query.RankForSecond = null;
        query._rented = 1; // _done is fresh, or was reset when the item was given back
        return query;
    }

    /// <summary>
    /// Gives the item back to the pool once <see cref="RunAsync"/> has answered (true or false), when
    /// every part has run; nothing may read it afterwards. An item whose run failed is not given back
    /// (a part may still be queued), and giving one back twice does nothing.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _relationships = null!;
            _firstGrain = default;
            _secondGrain = default;
            _pairPartition = null!;
            _firstPartition = null!;
            _secondPartition = null!;
            _done.Reset(); // drops the last awaiter's continuation, so a pooled item keeps no request alive
            Pool.Return(this);
        }
    }

    /// <summary>The pair's key (A the smaller handle).</summary>
    public RelationshipKey Key => _key;

    /// <summary>Whether the first account is the record's side A.</summary>
    public bool FirstIsA => _key.Lo == _first;

    /// <summary>The pair's record, once <see cref="RunAsync"/> answered true.</summary>
    public ref readonly RelationshipRecord Record => ref _record;

    /// <summary>Rank of the pair among the first account's relationships, once run.</summary>
    public int? RankForFirst { get; private set; }

    /// <summary>Rank of the pair among the second account's relationships, once run.</summary>
    public int? RankForSecond { get; private set; }

    /// <summary>Reads every part; true when the pair exists (in memory or in storage). Await it once.</summary>
    public ValueTask<bool> RunAsync()
    {
        var second = _firstPartition != _pairPartition;
        var third = _secondPartition != _pairPartition && _secondPartition != _firstPartition;
        _pending = 1 + (second ? 1 : 0) + (third ? 1 : 0);
        _pairPartition.Run(this);
        if (second)
        {
            _firstPartition.Run(this);
        }

        if (third)
        {
            _secondPartition.Run(this);
        }

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
        if (partition == _pairPartition)
        {
            var table = partition.GetTable(_relationships);
            var slot = await table.FindAsync(_key).ConfigureAwait(false);
            if (slot >= 0)
            {
                table.Read(slot, out _record);
                _found = true;
            }
        }

        if (partition == _firstPartition)
        {
            RankForFirst = (await partition.GetOrActivateAsync<AccountGrain>(_firstGrain).ConfigureAwait(false)).RankOf(_second);
        }

        if (partition == _secondPartition)
        {
            RankForSecond = (await partition.GetOrActivateAsync<AccountGrain>(_secondGrain).ConfigureAwait(false)).RankOf(_first);
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.SetResult(_found);
        }
    }

    /// <inheritdoc />
    protected override void Fail(Exception exception)
    {
        // A part that fails completes the query at once; the parts still pending then find it done.
        if (Interlocked.Exchange(ref _pending, int.MinValue) > 0)
        {
            _done.SetException(exception);
        }
    }
}
