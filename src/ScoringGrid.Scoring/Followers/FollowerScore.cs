namespace ScoringGrid.Scoring;

/// <summary>An account's followers at one as-of.</summary>
public readonly struct FollowerScore
{
    /// <summary>Accounts whose latest FOLLOW/UNFOLLOW toward this account is a FOLLOW.</summary>
    public int Followers { get; init; }

    /// <summary>Followers whose latest engagement (any kind of positive weight other than FOLLOW/UNFOLLOW) is in the window.</summary>
    public int EngagedFollowers { get; init; }

    /// <summary><see cref="Followers"/> − <see cref="EngagedFollowers"/>.</summary>
    public int SilentFollowers { get; init; }

    /// <summary><see cref="SilentFollowers"/> / <see cref="Followers"/>; 0 when there are no followers.</summary>
    public double SilentRatio { get; init; }

    /// <summary>Start of the engagement window (exclusive): as-of minus <see cref="ScoringModel.EngagedFollowerWindowMs"/>.</summary>
    public long WindowStartMs { get; init; }

    /// <summary>End of the engagement window (inclusive): as-of.</summary>
    public long WindowEndMs { get; init; }

    /// <summary>Distinct inbound accounts tracked (followers, former followers and engagers).</summary>
    public int TrackedAccounts { get; init; }
}
