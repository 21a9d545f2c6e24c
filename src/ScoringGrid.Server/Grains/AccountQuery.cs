using System.Threading.Tasks.Sources;
using ScoringGrid.Grains;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// A query of one account grain as a single pooled work item: it reads what it needs in a turn of the
/// partition that owns the account, and is itself what <see cref="RunAsync"/> returns (a value task over
/// it). No grain reference, closure or task per call; a subclass keeps its items in a pool of its own
/// (taken with <see cref="Start"/>, given back with <see cref="Release"/>), so a query allocates nothing
/// of this once the pool holds as many as there are queries in flight.
/// </summary>
internal abstract class AccountQuery : WorkItem, IValueTaskSource<bool>
{
    private GrainId _account;
    private GrainPartition _partition = null!;
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
    private int _rented; // 1 from Start to Release

    /// <summary>Reads the account in its turn; true when the account was ever seen. Await it once.</summary>
    public ValueTask<bool> RunAsync()
    {
        _partition.Run(this);
        return new ValueTask<bool>(this, _done.Version);
    }

    /// <summary>
    /// Gives the item back to its pool once <see cref="RunAsync"/> has answered; nothing may read it
    /// afterwards. An item whose run failed is not given back (its turn may still be queued), and
    /// giving one back twice does nothing.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _account = default;
            _partition = null!;
            Clear();
            _done.Reset(); // drops the last awaiter's continuation, so a pooled item keeps no request alive
            ReturnToPool();
        }
    }

    /// <inheritdoc />
    bool IValueTaskSource<bool>.GetResult(short token) => _done.GetResult(token);

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _done.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _done.OnCompleted(continuation, state, token, flags);

    /// <summary>Aims an item just taken from its pool at an account (its partition found from the runtime).</summary>
    private protected void Start(GrainRuntime runtime, GrainId account)
    {
        _account = account;
        _partition = runtime.PartitionOf(account);
        _rented = 1; // _done is fresh, or was reset when the item was given back
    }

    /// <summary>Reads the account in its turn; false when it was never seen.</summary>
    private protected abstract bool Read(AccountGrain grain);

    /// <summary>Drops what the item read, so a pooled item keeps nothing of its last query.</summary>
    private protected abstract void Clear();

    /// <summary>Puts the item back into its type's pool.</summary>
    private protected abstract void ReturnToPool();

    /// <inheritdoc />
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var grain = await partition.GetOrActivateAsync<AccountGrain>(_account).ConfigureAwait(false);
        _done.SetResult(Read(grain));
    }

    /// <inheritdoc />
    protected override void Fail(Exception exception) => _done.SetException(exception);
}
