namespace ScoringGrid.Server.Grains;

/// <summary>The lists of an account's <see cref="AccountGrainState.Rankings"/>.</summary>
public static class RankingLists
{
    /// <summary>By strength (both ways).</summary>
    public const int ByStrength = 0;

    /// <summary>By engagement received from the other account.</summary>
    public const int ByInbound = 1;

    /// <summary>By engagement given to the other account.</summary>
    public const int ByOutbound = 2;

    /// <summary>How many lists.</summary>
    public const int Count = 3;

    /// <summary>The list of a query direction.</summary>
    public static int Of(RankingDirection direction) => direction switch
    {
        RankingDirection.Inbound => ByInbound,
        RankingDirection.Outbound => ByOutbound,
        _ => ByStrength,
    };
}
