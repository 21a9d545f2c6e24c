using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// One GetAccountScore: the account's score at an instant,
/// computed in the account's turn. Pooled (<see cref="AccountQuery"/>).
/// </summary>
internal sealed class AccountScoreQuery : AccountQuery
{
    /// <summary>Most items kept for reuse; queries in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private static readonly ReusePool<AccountScoreQuery> Pool = new(MaxPooled, static () => new AccountScoreQuery());

    private long _asOfMs;

    private AccountScoreQuery()
    {
    }

    /// <summary>How many items the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>The account's score, once <see cref="AccountQuery.RunAsync"/> answered true.</summary>
    public AccountScore? Score { get; private set; }

    /// <summary>
    /// An item for one query, from the pool: the account's score at <paramref name="asOfMs"/> (no open
    /// expectation listed). Run it once; give it back with <see cref="AccountQuery.Release"/> once its
    /// score is read.
    /// </summary>
    public static AccountScoreQuery Rent(GrainRuntime runtime, GrainId account, long asOfMs)
    {
        var query = Pool.Take();
        query._asOfMs = asOfMs;
        query.Score = null;
        query.Start(runtime, account);
        return query;
    }

    /// <inheritdoc />
    private protected override bool Read(AccountGrain grain)
    {
        Score = grain.ReadScore(_asOfMs, 0);
        return Score is not null;
    }

    /// <inheritdoc />
    private protected override void Clear() => Score = null;

    /// <inheritdoc />
    private protected override void ReturnToPool() => Pool.Return(this);
}
