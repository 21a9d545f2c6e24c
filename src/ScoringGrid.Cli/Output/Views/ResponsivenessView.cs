using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>An account's responsiveness as a table.</summary>
internal static class ResponsivenessView
{
    public static void Render(IAnsiConsole console, ResponsivenessResponse response) =>
        console.WriteTable(
            $"Responsiveness of {response.AccountId} as of {Format.Instant(response.AsOf)}",
            Tables.KeyValues(SummaryRows.Responsiveness(response.Summary)));
}
