using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>An account's attributes and score as tables.</summary>
internal static class AccountView
{
    public static void Render(IAnsiConsole console, Account? account, AccountScore score)
    {
        var profile = new List<(string, string)> { ("Account", score.AccountId) };
        if (account is not null)
        {
            profile.Add(("Display name", account.DisplayName.Length > 0 ? account.DisplayName : "-"));
            profile.Add(("Segment", Tables.Segment(account.Segment)));
            profile.Add(("Topics", account.Topics.Count > 0 ? string.Join(", ", account.Topics) : "-"));
        }

        profile.Add(("Engagement received", Format.Number(score.EngagementReceived)));
        profile.Add(("Engagement given", Format.Number(score.EngagementGiven)));
        profile.Add(("Posts", Format.Count(score.Posts)));
        profile.Add(("Conversation ratio", Format.Number(score.ConversationRatio)));
        profile.Add(("First interaction", Format.Instant(score.FirstInteraction)));
        profile.Add(("Last interaction", Format.Instant(score.LastInteraction)));
        profile.Add(("As of", $"{Format.Instant(score.Parameters.AsOf)} (half-life {Format.DurationMs(score.Parameters.HalfLifeMs)})"));
        console.WriteTable($"Account {score.AccountId}", Tables.KeyValues(profile));

        console.WriteTable("Responsiveness", Tables.KeyValues(SummaryRows.Responsiveness(score.Responsiveness)));
        console.WriteTable("Followers", Tables.KeyValues(SummaryRows.Followers(score.Followers)));
        console.WriteTable("Per-post rates", Tables.KeyValues(SummaryRows.PostRates(score.PostRates)));

        var kinds = Tables.Create("Kind", "Received", "Given", "Weight").RightAlign(1, 2, 3);
        var received = score.Received.ToDictionary(k => k.Kind);
        var given = score.Given.ToDictionary(k => k.Kind);
        foreach (var kind in received.Keys.Union(given.Keys).Order())
        {
            var weight = received.GetValueOrDefault(kind)?.Weight ?? given.GetValueOrDefault(kind)?.Weight ?? 0;
            kinds.AddTextRow(Tables.Kind(kind), Format.Count(received.GetValueOrDefault(kind)?.Count ?? 0), Format.Count(given.GetValueOrDefault(kind)?.Count ?? 0), Format.Number(weight, 1));
        }

        console.WriteTable("Interactions by kind", kinds);
    }
}
