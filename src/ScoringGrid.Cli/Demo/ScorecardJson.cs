using System.Text.Json.Nodes;
using ScoringGrid.Cli.Output;

namespace ScoringGrid.Cli.Demo;

/// <summary>The scorecard as one JSON document (the server's summaries in proto3 JSON).</summary>
internal static class ScorecardJson
{
    public static JsonObject Create(Scorecard card, DemoLoad? load, DemoSettings? settings)
    {
        var strongest = new JsonArray();
        foreach (var r in card.Strongest)
        {
            strongest.Add(new JsonObject
            {
                ["rank"] = r.Rank,
                ["account"] = r.Account,
                ["displayName"] = r.DisplayName,
                ["segment"] = Tables.Segment(r.Segment),
                ["tier"] = Connection.ValueParsers.TierName(r.Tier),
                ["strength"] = r.Strength,
                ["reciprocity"] = r.Reciprocity,
                ["inbound"] = r.Inbound,
                ["outbound"] = r.Outbound,
                ["lastInteraction"] = r.LastInteraction,
            });
        }

        var unanswered = new JsonArray();
        foreach (var u in card.OldestUnanswered)
        {
            unanswered.Add(new JsonObject
            {
                ["from"] = u.From,
                ["displayName"] = u.DisplayName,
                ["kind"] = u.Kind == V1.InteractionKind.Unspecified ? null : KindName(u.Kind),
                ["eventId"] = u.EventId,
                ["openedAt"] = u.OpenedAt,
                ["waitingMs"] = u.WaitingMs,
                ["pastSla"] = u.PastSla,
            });
        }

        var json = new JsonObject
        {
            ["brand"] = new JsonObject { ["accountId"] = card.Brand.AccountId, ["displayName"] = card.Brand.DisplayName },
            ["asOf"] = card.AsOf,
        };
        if (load is not null && settings is not null)
        {
            json["dataset"] = new JsonObject
            {
                ["tag"] = settings.Tag,
                ["seed"] = settings.Seed,
                ["days"] = settings.Days,
                ["accounts"] = load.Accounts,
                ["interactions"] = load.Interactions,
                ["accepted"] = load.Accepted,
                ["duplicates"] = load.Duplicates,
                ["rejected"] = load.Rejected,
                ["loadMs"] = (long)load.Elapsed.TotalMilliseconds,
            };
        }

        json["strongestRelationships"] = strongest;
        json["responsiveness"] = CliOutput.ToNode(card.Responsiveness);
        json["oldestUnanswered"] = unanswered;
        json["totalOpen"] = card.TotalOpen;
        json["followers"] = CliOutput.ToNode(card.Score.Followers);
        json["postRates"] = CliOutput.ToNode(card.Score.PostRates);
        return json;
    }

    private static string KindName(V1.InteractionKind kind) => kind == V1.InteractionKind.DirectMessage ? "direct_message" : kind.ToString().ToLowerInvariant();
}
