namespace ScoringGrid.Scoring;

/// <summary>Dunbar layer of a relationship from one account's side (design brief §4).</summary>
public enum Tier : byte
{
    /// <summary>Ranks 1–5 by default.</summary>
    InnerCircle = 0,

    /// <summary>Ranks 6–15 by default.</summary>
    Close = 1,

    /// <summary>Ranks 16–50 by default.</summary>
    Active = 2,

    /// <summary>Ranks 51–150 by default.</summary>
    Network = 3,

    /// <summary>Beyond the network rank, or not in the account's bounded top list.</summary>
    Acquaintance = 4,

    /// <summary>Strength below <see cref="ScoringModel.DormantFloor"/>, whatever the rank.</summary>
    Dormant = 5,
}
