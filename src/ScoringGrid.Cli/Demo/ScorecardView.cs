using ScoringGrid.Cli.Output;
using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Demo;

/// <summary>The scorecard as tables for people.</summary>
internal static class ScorecardView
{
    public static void Render(IAnsiConsole console, Scorecard card, DemoLoad? load)
    {
        var name = card.Brand.DisplayName.Length > 0 ? $"{card.Brand.DisplayName} ({card.Brand.AccountId})" : card.Brand.AccountId;
        console.Write(new Rule(Markup.Escape($"Scorecard: {name}, as of {Format.Instant(card.AsOf)}")) { Justification = Justify.Left });
        if (load is not null)
        {
            console.WriteLine(
                $"Loaded {Format.Count(load.Accounts)} accounts and {Format.Count(load.Interactions)} interactions in {Format.Duration(load.Elapsed)}: " +
                $"{Format.Count(load.Accepted)} accepted, {Format.Count(load.Duplicates)} duplicates, {Format.Count(load.Rejected)} rejected.");
        }

        console.WriteLine();
        var strongest = Tables.Create("#", "Account", "Segment", "Tier", "Strength", "Recip.", "In", "Out", "Last seen")
            .RightAlign(0, 4, 5, 6, 7);
        strongest.Columns[1].NoWrap();
        strongest.Columns[8].NoWrap();
        foreach (var r in card.Strongest)
        {
            strongest.AddTextRow(
                r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Account, Tables.Segment(r.Segment), Tables.Tier(r.Tier),
                Format.Number(r.Strength, 1), Format.Number(r.Reciprocity), Format.Number(r.Inbound, 1), Format.Number(r.Outbound, 1), Format.ShortInstant(r.LastInteraction));
        }

        console.WriteTable("Strongest relationships", strongest, "strength = (in + out) x (0.5 + 0.5 x reciprocity); in and out decay with a 14-day half-life");

        var summary = card.Responsiveness;
        console.WriteTable("Responsiveness to mentions and direct messages", Tables.KeyValues(
        [
            ("Response rate", summary.HasResponseRate ? Format.Percent(summary.ResponseRate) : "-"),
            ("Median answer time", summary.HasMedianAnswerMs ? Format.DurationMs(summary.MedianAnswerMs) : "-"),
            ("90th percentile answer time", summary.HasP90AnswerMs ? Format.DurationMs(summary.P90AnswerMs) : "-"),
            ("Answered", Format.Count(summary.Answered)),
            ($"Open within the {Format.DurationMs(summary.SlaMs)} SLA", Format.Count(summary.OpenWithinSla)),
            ("Open past the SLA", Format.Count(summary.OpenPastSla)),
        ]));

        var oldest = Tables.Create("From", "Name", "Kind", "Opened", "Waiting", "Past SLA").RightAlign(4);
        foreach (var u in card.OldestUnanswered)
        {
            oldest.AddTextRow(u.From, u.DisplayName, u.Kind == InteractionKind.Unspecified ? "-" : Tables.Kind(u.Kind), Format.Instant(u.OpenedAt), Format.DurationMs(u.WaitingMs), u.PastSla ? "yes" : "no");
        }

        console.WriteTable("Oldest unanswered", oldest, $"{Format.Count(card.TotalOpen)} still waiting in all");

        var followers = card.Score.Followers;
        console.WriteTable("Followers", Tables.KeyValues(
        [
            ("Followers", Format.Count(followers.Followers)),
            ($"Engaged (last {Format.DurationMs(followers.WindowMs)})", Format.Count(followers.Engaged)),
            ("Silent", $"{Format.Count(followers.Silent)} ({Format.Percent(followers.SilentRatio)})"),
        ]));

        var rates = card.Score.PostRates;
        console.WriteTable($"Kaushik rates over {Format.DurationMs(rates.WindowEnd - rates.WindowStart)} ({Format.Count(rates.Posts)} posts)", Tables.KeyValues(
        [
            ("Conversation rate (comments + replies per post)", Format.Number(rates.ConversationRate)),
            ("Amplification rate (shares per post)", Format.Number(rates.AmplificationRate)),
            ("Applause rate (likes per post)", Format.Number(rates.ApplauseRate)),
            ("Economic value (sum of conversions)", Format.Money(rates.EconomicValue)),
        ]));

        var id = card.Brand.AccountId;
        console.WriteLine("Explore further:");
        console.WriteLine($"  sgctl account {id}");
        console.WriteLine($"  sgctl top {id} --direction inbound --limit 20");
        console.WriteLine($"  sgctl open {id}");
        if (card.Strongest.Count > 0)
        {
            console.WriteLine($"  sgctl relationship {id} {card.Strongest[0].Account}");
        }
    }
}
