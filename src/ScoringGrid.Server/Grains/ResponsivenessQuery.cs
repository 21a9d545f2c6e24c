using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetResponsiveness or ListOpenExpectations: the account's responsiveness at an instant, computed
/// in the account's turn without the rest of its score (followers and post rates are not scored).
/// Pooled (<see cref="AccountQuery"/>).
/// </summary>
internal sealed class ResponsivenessQuery : AccountQuery
{
    /// <summary>Most items kept for reuse; queries in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private static readonly ReusePool<ResponsivenessQuery> Pool = new(MaxPooled, static () => new ResponsivenessQuery());

    private long _asOfMs;
    private int _maxOpenListed;

    private ResponsivenessQuery()
    {
    }

    /// <summary>How many items the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>The account's responsiveness, once <see cref="AccountQuery.RunAsync"/> answered true.</summary>
    public ResponsivenessScore? Responsiveness { get; private set; }

    /// <summary>
    /// An item for one query, from the pool: the account's responsiveness at <paramref name="asOfMs"/>,
    /// with at most <paramref name="maxOpenListed"/> open expectations listed. Run it once; give it back
    /// with <see cref="AccountQuery.Release"/> once its answer is read.
    /// </summary>
    public static ResponsivenessQuery Rent(GrainRuntime runtime, GrainId account, long asOfMs, int maxOpenListed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOpenListed);
        var query = Pool.Take();
        query._asOfMs = asOfMs;
        query._maxOpenListed = maxOpenListed;
        query.Responsiveness = null;
        query.Start(runtime, account);
        return query;
    }

    /// <inheritdoc />
    private protected override bool Read(AccountGrain grain)
    {
        Responsiveness = grain.ReadResponsiveness(_asOfMs, _maxOpenListed);
        return Responsiveness is not null;
    }

    /// <inheritdoc />
    private protected override void Clear() => Responsiveness = null;

    /// <inheritdoc />
    private protected override void ReturnToPool() => Pool.Return(this);
}
