using System.Threading.Tasks.Sources;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetRelationship as a single work item: the pair's record (copied) and the pair's rank on each
/// side, each part read in a turn of the partition that owns it. The item goes once to each distinct
/// partition involved (with two partitions, often one) and completes when the last part is done: no
/// closure, grain reference or task per part, and the item is itself what <see cref="RunAsync"/>
/// returns (a value task over it), so a query allocates this one object.
/// </summary>
internal sealed class RelationshipQuery : WorkItem, IValueTaskSource<bool>
{
    private readonly RelationshipGrainType _relationships;
    private readonly RelationshipKey _key;
    private readonly int _first;
    private readonly int _second;
    private readonly GrainId _firstGrain;
    private readonly GrainId _secondGrain;
    private readonly GrainPartition _pairPartition;
    private readonly GrainPartition _firstPartition;
    private readonly GrainPartition _secondPartition;
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
    private int _pending;
    private bool _found;
    private RelationshipRecord _record;

    public RelationshipQuery(GrainRuntime runtime, RelationshipGrainType relationships, int first, int second)
    {
        _relationships = relationships;
        _key = new RelationshipKey(first, second);
        _first = first;
        _second = second;
        _firstGrain = relationships.Directory[first].GrainId;
        _secondGrain = relationships.Directory[second].GrainId;
        _pairPartition = runtime.PartitionOf(relationships.PlacementHash(_key));
        _firstPartition = runtime.PartitionOf(_firstGrain);
        _secondPartition = runtime.PartitionOf(_secondGrain);
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
                _record = table.StateAt(slot);
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
