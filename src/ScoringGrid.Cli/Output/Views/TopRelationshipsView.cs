using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>An account's top relationships as a table.</summary>
internal static class TopRelationshipsView
{
    public static void Render(IAnsiConsole console, TopRelationshipsResponse top)
    {
        var ranking = top.Direction switch
        {
            Direction.Inbound => "engagement received",
            Direction.Outbound => "engagement given",
            _ => "strength",
        };
        var table = Tables.Create("#", "Account", "Tier", "Score").RightAlign(0, 3);
        foreach (var relationship in top.Relationships)
        {
            table.AddTextRow(relationship.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), relationship.OtherAccount, Tables.Tier(relationship.Tier), Format.Number(relationship.Score));
        }

        console.WriteTable($"Top relationships of {top.AccountId} by {ranking}", table, $"{top.Relationships.Count} shown, as of {Format.Instant(top.Parameters.AsOf)}");
    }
}
