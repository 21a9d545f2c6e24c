using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>The state of an account grain: its scores, attributes and ranked relationships.</summary>
public sealed class AccountGrainState
{
    /// <summary>Engagement state; null until the account's first interaction.</summary>
    public AccountState? Scores { get; set; }

    /// <summary>Attributes; null until first upserted.</summary>
    public AccountAttributes? Attributes { get; set; }

    /// <summary>
    /// The account's relationships ranked three ways (lists <see cref="RankingLists.ByStrength"/>,
    /// <see cref="RankingLists.ByInbound"/>, <see cref="RankingLists.ByOutbound"/>), other accounts by
    /// directory handle; null until the first relationship.
    /// </summary>
    public TopRelationships<int>? Rankings { get; set; }
}
