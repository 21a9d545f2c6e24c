namespace ScoringGrid.Server.Grains;

/// <summary>Which engagement ranks an account's relationships.</summary>
public enum RankingDirection
{
    /// <summary>Strength, both ways.</summary>
    Both,
    /// <summary>Engagement received from the other account.</summary>
    Inbound,
    /// <summary>Engagement given to the other account.</summary>
    Outbound,
}
