namespace ScoringGrid.Server.Grains;

/// <summary>
/// The clock-free ranking keys of one relationship seen from one of its accounts, as the
/// relationship grain computed them after applying an interaction.
/// </summary>
/// <param name="Other">The other account of the pair (directory handle).</param>
/// <param name="Strength">Strength key.</param>
/// <param name="Inbound">Key of engagement received from the other account.</param>
/// <param name="Outbound">Key of engagement given to the other account.</param>
public readonly record struct RankingKeys(int Other, double Strength, double Inbound, double Outbound);
