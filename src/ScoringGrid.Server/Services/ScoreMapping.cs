using ScoringGrid.Scoring;
using ScoringGrid.V1;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;
using ProtoTier = ScoringGrid.V1.Tier;
using ScoringTier = ScoringGrid.Scoring.Tier;

namespace ScoringGrid.Server.Services;

/// <summary>Turns the scoring model's answers into the proto messages, components included.</summary>
internal static class ScoreMapping
{
    private static readonly InteractionKind[] Kinds = Enum.GetValues<InteractionKind>().Where(k => k != InteractionKind.Unspecified).ToArray();

    public static V1.AccountScore ToProto(Scoring.AccountScore score)
    {
        var proto = new V1.AccountScore
        {
            AccountId = score.AccountId,
            EngagementReceived = score.EngagementReceived,
            EngagementGiven = score.EngagementGiven,
            Posts = (ulong)score.Posts,
            ConversationRatio = score.ConversationRatio,
            Responsiveness = ToProto(score.Responsiveness),
            Followers = new FollowerStats
            {
                Followers = (ulong)score.Followers.Followers,
                Engaged = (ulong)score.Followers.EngagedFollowers,
                Silent = (ulong)score.Followers.SilentFollowers,
                SilentRatio = score.Followers.SilentRatio,
                WindowMs = score.Followers.WindowEndMs - score.Followers.WindowStartMs,
            },
            PostRates = new PostRates
            {
                WindowStart = score.Kaushik.WindowStartMs,
                WindowEnd = score.Kaushik.WindowEndMs,
                Posts = (ulong)score.Kaushik.Posts,
                CommentsAndReplies = (ulong)score.Kaushik.Conversations,
                Shares = (ulong)score.Kaushik.Shares,
                Likes = (ulong)score.Kaushik.Likes,
                ConversationRate = score.Kaushik.ConversationRate,
                AmplificationRate = score.Kaushik.AmplificationRate,
                ApplauseRate = score.Kaushik.ApplauseRate,
                EconomicValue = score.Kaushik.EconomicValue,
            },
            Parameters = new ScoreParameters { HalfLifeMs = score.HalfLifeMs, AsOf = score.AsOfMs },
            FirstInteraction = score.FirstEventMs ?? 0,
            LastInteraction = score.LastEventMs ?? 0,
        };
        AddCounts(proto.Received, score.ReceivedCounts, score.Weights);
        AddCounts(proto.Given, score.GivenCounts, score.Weights);
        return proto;
    }

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

    private static void AddCounts(Google.Protobuf.Collections.RepeatedField<KindCount> target, KindCounts counts, KindWeights weights)
    {
        foreach (var kind in Kinds)
        {
            var count = counts[kind];
            if (count != 0)
            {
                target.Add(new KindCount { Kind = (V1.InteractionKind)(int)kind, Count = (ulong)count, Weight = weights[kind] });
            }
        }
    }
}
