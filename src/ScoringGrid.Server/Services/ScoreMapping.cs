using ScoringGrid.Scoring;
using ScoringGrid.V1;
using ProtoTier = ScoringGrid.V1.Tier;
using ScoringTier = ScoringGrid.Scoring.Tier;

namespace ScoringGrid.Server.Services;

/// <summary>Turns the scoring model's answers into the proto messages, components included.</summary>
internal static class ScoreMapping
{
    public static ResponsivenessSummary ToProto(ResponsivenessScore score)
    {
        var summary = new ResponsivenessSummary
        {
            Answered = (ulong)score.Answered,
            OpenWithinSla = (ulong)(score.Open - score.OpenPastSla),
            OpenPastSla = (ulong)score.OpenPastSla,
            AnswerSamples = (ulong)score.AnswerSamples,
            SlaMs = score.SlaMs,
        };
        if (score.ResponseRate is { } rate)
        {
            summary.ResponseRate = rate;
        }

        if (score.MedianAnswerMs is { } median)
        {
            summary.MedianAnswerMs = median;
        }

        if (score.P90AnswerMs is { } p90)
        {
            summary.P90AnswerMs = p90;
        }

        return summary;
    }

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
