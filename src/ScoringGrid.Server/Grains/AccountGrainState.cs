using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>The state of an account grain: its scores, attributes and ranked relationships.</summary>
public sealed class AccountGrainState
{
    /// <summary>Engagement state; null until the account's first interaction.</summary>
    public AccountState? Scores { get; set; }

    /// <summary>Attributes; null until first upserted.</summary>
    public AccountAttributes? Attributes { get; set; }

    /// <summary>Relationships ranked by strength (both ways), the other accounts by directory handle; null until the first relationship.</summary>
    public TopRelationships<int>? ByStrength { get; set; }

    /// <summary>Relationships ranked by engagement received.</summary>
    public TopRelationships<int>? ByInbound { get; set; }

    /// <summary>Relationships ranked by engagement given.</summary>
    public TopRelationships<int>? ByOutbound { get; set; }
}
