using ScoringGrid.V1;
using Spectre.Console;

namespace ScoringGrid.Cli.Output.Views;

/// <summary>A relationship, seen from the order asked, as tables.</summary>
internal static class RelationshipView
{
    public static void Render(IAnsiConsole console, RelationshipScore relationship)
    {
        var (a, b) = (relationship.Pair.AccountA, relationship.Pair.AccountB);
        console.WriteTable($"Relationship {a} <-> {b}", Tables.KeyValues(
        [
            ($"Engagement {a} -> {b}", Format.Number(relationship.AToB)),
            ($"Engagement {b} -> {a}", Format.Number(relationship.BToA)),
            ("Reciprocity", Format.Number(relationship.Reciprocity)),
            ("Strength", Format.Number(relationship.Strength)),
            ($"Tier for {a}", Rank(relationship.TierForA, relationship.HasRankForA, relationship.RankForA)),
            ($"Tier for {b}", Rank(relationship.TierForB, relationship.HasRankForB, relationship.RankForB)),
            ($"{a} follows {b}", relationship.AFollowsB ? "yes" : "no"),
            ($"{b} follows {a}", relationship.BFollowsA ? "yes" : "no"),
            ("First interaction", Format.Instant(relationship.FirstInteraction)),
            ("Last interaction", Format.Instant(relationship.LastInteraction)),
            ("As of", $"{Format.Instant(relationship.Parameters.AsOf)} (half-life {Format.DurationMs(relationship.Parameters.HalfLifeMs)})"),
        ]));

        var kinds = Tables.Create("Kind", $"{a} -> {b}", $"{b} -> {a}", "Weight").RightAlign(1, 2, 3);
        var forward = relationship.AToBCounts.ToDictionary(k => k.Kind);
        var backward = relationship.BToACounts.ToDictionary(k => k.Kind);
        foreach (var kind in forward.Keys.Union(backward.Keys).Order())
        {
            var weight = forward.GetValueOrDefault(kind)?.Weight ?? backward.GetValueOrDefault(kind)?.Weight ?? 0;
            kinds.AddTextRow(Tables.Kind(kind), Format.Count(forward.GetValueOrDefault(kind)?.Count ?? 0), Format.Count(backward.GetValueOrDefault(kind)?.Count ?? 0), Format.Number(weight, 1));
        }

        console.WriteTable("Interactions by kind", kinds);
    }

    private static string Rank(Tier tier, bool hasRank, uint rank) => hasRank ? $"{Tables.Tier(tier)} (rank {rank})" : Tables.Tier(tier);
}
