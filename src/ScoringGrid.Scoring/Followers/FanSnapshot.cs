namespace ScoringGrid.Scoring;

/// <summary>One inbound account in an <see cref="AccountSnapshot"/>.</summary>
public sealed class FanSnapshot
{
    /// <summary>The inbound account.</summary>
    public string Account { get; set; } = "";

    /// <summary>Time of its latest FOLLOW/UNFOLLOW, or null.</summary>
    public long? FollowEventMs { get; set; }

    /// <summary>Whether that latest event was a FOLLOW.</summary>
    public bool Following { get; set; }

    /// <summary>Time of its latest engagement, or null.</summary>
    public long? LastEngagedMs { get; set; }
}
