namespace ScoringGrid.Scoring;

/// <summary>What an account knows about one account that followed or engaged with it.</summary>
internal struct FanRecord
{
    public const byte NoFollowEvent = 0;
    public const byte Following = 1;
    public const byte Unfollowed = 2;

    /// <summary>Time of the latest FOLLOW/UNFOLLOW from this fan; <see cref="long.MinValue"/> when none.</summary>
    public long FollowEventMs;

    /// <summary>Time of the latest positive-weight engagement (other than FOLLOW/UNFOLLOW); <see cref="long.MinValue"/> when none.</summary>
    public long LastEngagedMs;

    /// <summary><see cref="NoFollowEvent"/>, <see cref="Following"/> or <see cref="Unfollowed"/>.</summary>
    public byte FollowState;
}
