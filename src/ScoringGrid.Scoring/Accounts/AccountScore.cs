namespace ScoringGrid.Scoring;

/// <summary>An account's scores at one as-of, with the components they come from.</summary>
public readonly struct AccountScore
{
    /// <summary>The account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>The time the scores are evaluated at.</summary>
    public long AsOfMs { get; init; }

    /// <summary>The weights applied.</summary>
    public required KindWeights Weights { get; init; }

    /// <summary>The account half-life applied.</summary>
    public long HalfLifeMs { get; init; }

    /// <summary>Decayed weighted engagement given at as-of (net: UNFOLLOW subtracts, so it may be negative).</summary>
    public double EngagementGiven { get; init; }

    /// <summary>Decayed weighted engagement received at as-of (net: UNFOLLOW subtracts, so it may be negative).</summary>
    public double EngagementReceived { get; init; }

    /// <summary>Interactions by the account per kind (all time; POST included).</summary>
    public required KindCounts GivenCounts { get; init; }

    /// <summary>Interactions toward the account per kind (all time).</summary>
    public required KindCounts ReceivedCounts { get; init; }

    /// <summary>POSTs (broadcasts) by the account, all time.</summary>
    public long Posts { get; init; }

    /// <summary>REPLYs, COMMENTs and DIRECT_MESSAGEs by the account, all time.</summary>
    public long ConversationalGiven { get; init; }

    /// <summary>
    /// Conversation ratio: <see cref="ConversationalGiven"/> / max(<see cref="Posts"/>, 1). Talking per
    /// broadcast; an account that never posts gets its plain count of talking interactions (never infinite).
    /// </summary>
    public double ConversationRatio { get; init; }

    /// <summary>Sum of the values of CONVERSIONs by the account, all time.</summary>
    public double ConversionValueGiven { get; init; }

    /// <summary>Sum of the values of CONVERSIONs toward the account, all time.</summary>
    public double ConversionValueReceived { get; init; }

    /// <summary>Earliest applied event, or null.</summary>
    public long? FirstEventMs { get; init; }

    /// <summary>Latest applied event, or null.</summary>
    public long? LastEventMs { get; init; }

    /// <summary>Responsiveness to mentions and direct messages.</summary>
    public required ResponsivenessScore Responsiveness { get; init; }

    /// <summary>Followers, engaged and silent.</summary>
    public required FollowerScore Followers { get; init; }

    /// <summary>Kaushik's per-post rates over the window ending at as-of.</summary>
    public required KaushikScore Kaushik { get; init; }
}
