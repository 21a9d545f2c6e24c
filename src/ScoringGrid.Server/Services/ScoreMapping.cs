using ScoringGrid.Scoring;
using ProtoTier = ScoringGrid.V1.Tier;
using ScoringTier = ScoringGrid.Scoring.Tier;

namespace ScoringGrid.Server.Services;

/// <summary>Turns the scoring model's tiers into the proto enum.</summary>
internal static class ScoreMapping
{
    public static ProtoTier ToProto(ScoringTier tier) => tier switch
    {
        ScoringTier.InnerCircle => ProtoTier.InnerCircle,
        ScoringTier.Close => ProtoTier.Close,
        ScoringTier.Active => ProtoTier.Active,
        ScoringTier.Network => ProtoTier.Network,
        ScoringTier.Acquaintance => ProtoTier.Acquaintance,
        _ => ProtoTier.Dormant,
    };
}
