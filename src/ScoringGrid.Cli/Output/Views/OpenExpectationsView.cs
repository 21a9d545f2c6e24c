using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>The expectations still open on an account, oldest first, as a table.</summary>
internal static class OpenExpectationsView
{
    public static void Render(IAnsiConsole console, ListOpenExpectationsResponse response, string? title = null)
    {
        var table = Tables.Create("From", "Event", "Opened", "Waiting", "Past SLA").RightAlign(3);
        foreach (var expectation in response.Expectations)
        {
            table.AddTextRow(expectation.FromAccount, expectation.EventId, Format.Instant(expectation.OpenedAt), Format.DurationMs(expectation.WaitingMs), expectation.PastSla ? "yes" : "no");
        }

        console.WriteTable(
            title ?? $"Waiting for an answer from {response.AccountId}",
            table,
            $"{response.TotalOpen} open in all as of {Format.Instant(response.AsOf)}; the oldest {response.Expectations.Count} shown");
    }
}
