using ScoringGrid.V1;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>The key/value rows of the summaries several views share.</summary>
internal static class SummaryRows
{
    public static IEnumerable<(string, string)> Responsiveness(ResponsivenessSummary summary)
    {
        yield return ("Response rate", summary.HasResponseRate ? Format.Percent(summary.ResponseRate) : "- (nothing owed)");
        yield return ("Median answer time", summary.HasMedianAnswerMs ? Format.DurationMs(summary.MedianAnswerMs) : "-");
        yield return ("90th percentile answer time", summary.HasP90AnswerMs ? Format.DurationMs(summary.P90AnswerMs) : "-");
        yield return ("Answered", Format.Count(summary.Answered));
        yield return ("Open within SLA", Format.Count(summary.OpenWithinSla));
        yield return ("Open past SLA", Format.Count(summary.OpenPastSla));
        yield return ("Answer-time samples", Format.Count(summary.AnswerSamples));
        yield return ("SLA", Format.DurationMs(summary.SlaMs));
    }

    public static IEnumerable<(string, string)> Followers(FollowerStats followers)
    {
        yield return ("Followers", Format.Count(followers.Followers));
        yield return ("Engaged", Format.Count(followers.Engaged));
        yield return ("Silent", Format.Count(followers.Silent));
        yield return ("Silent ratio", Format.Percent(followers.SilentRatio));
        yield return ("Engagement window", Format.DurationMs(followers.WindowMs));
    }

    public static IEnumerable<(string, string)> PostRates(PostRates rates)
    {
        yield return ("Posts", Format.Count(rates.Posts));
        yield return ("Conversation rate (comments+replies / post)", Format.Number(rates.ConversationRate));
        yield return ("Amplification rate (shares / post)", Format.Number(rates.AmplificationRate));
        yield return ("Applause rate (likes / post)", Format.Number(rates.ApplauseRate));
        yield return ("Economic value (conversions)", Format.Money(rates.EconomicValue));
        yield return ("Comments and replies", Format.Count(rates.CommentsAndReplies));
        yield return ("Shares", Format.Count(rates.Shares));
        yield return ("Likes", Format.Count(rates.Likes));
        yield return ("Window", $"{Format.Instant(rates.WindowStart)} .. {Format.Instant(rates.WindowEnd)}");
    }
}
