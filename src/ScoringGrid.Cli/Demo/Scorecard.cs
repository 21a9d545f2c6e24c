using ScoringGrid.Client;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Demo;

/// <summary>One of the brand's strongest relationships, as the scorecard shows it.</summary>
internal sealed record ScorecardRelationship(
    uint Rank, string Account, string DisplayName, Segment Segment, Tier Tier, double Strength, double Reciprocity, double Inbound, double Outbound, long LastInteraction);

/// <summary>An expectation the brand has not answered yet.</summary>
internal sealed record ScorecardUnanswered(string From, string DisplayName, InteractionKind Kind, string EventId, long OpenedAt, long WaitingMs, bool PastSla);

/// <summary>A brand's scorecard, built from the server's answers: relationships, responsiveness, followers and per-post rates.</summary>
internal sealed class Scorecard
{
    public required Account Brand { get; init; }

    public required long AsOf { get; init; }

    public required AccountScore Score { get; init; }

    public required ResponsivenessSummary Responsiveness { get; init; }

    public required IReadOnlyList<ScorecardRelationship> Strongest { get; init; }

    public required IReadOnlyList<ScorecardUnanswered> OldestUnanswered { get; init; }

    public required uint TotalOpen { get; init; }

    /// <summary>Asks the server for everything the scorecard shows.</summary>
    /// <param name="client">The client.</param>
    /// <param name="brand">The brand's account id.</param>
    /// <param name="asOf">Evaluation instant; null for now.</param>
    /// <param name="kinds">Kinds of known events, to tell mentions from direct messages among the unanswered.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<Scorecard> BuildAsync(
        ScoringGridClient client, string brand, DateTimeOffset? asOf, IReadOnlyDictionary<string, InteractionKind>? kinds, CancellationToken cancellationToken)
    {
        var score = await client.GetAccountScoreAsync(brand, asOf, cancellationToken: cancellationToken);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(score.Parameters.AsOf);
        var brandAccount = client.GetAccountAsync(brand, cancellationToken: cancellationToken);
        var top = client.GetTopRelationshipsAsync(brand, Direction.Both, 10, Tier.Unspecified, at, cancellationToken: cancellationToken);
        var responsiveness = client.GetResponsivenessAsync(brand, at, cancellationToken: cancellationToken);
        var open = client.ListOpenExpectationsAsync(brand, 5, at, cancellationToken: cancellationToken);
        var ranked = (await top).Relationships;
        var details = ranked.Count == 0
            ? new BatchGetRelationshipsResponse()
            : await client.BatchGetRelationshipsAsync(ranked.Select(r => (brand, r.OtherAccount)), at, cancellationToken: cancellationToken);
        var waiting = (await open).Expectations;
        var names = await NamesAsync(client, ranked.Select(r => r.OtherAccount).Concat(waiting.Select(w => w.FromAccount)), cancellationToken);

        var strongest = ranked.Select((r, i) =>
        {
            var relationship = details.Results.ElementAtOrDefault(i)?.Relationship;
            var account = names.GetValueOrDefault(r.OtherAccount);
            return new ScorecardRelationship(
                r.Rank, r.OtherAccount, account?.DisplayName ?? "", account?.Segment ?? Segment.Unspecified, r.Tier, r.Score,
                relationship?.Reciprocity ?? 0, relationship?.BToA ?? 0, relationship?.AToB ?? 0, relationship?.LastInteraction ?? 0);
        }).ToList();
        var unanswered = waiting.Select(w => new ScorecardUnanswered(
            w.FromAccount, names.GetValueOrDefault(w.FromAccount)?.DisplayName ?? "", kinds?.GetValueOrDefault(w.EventId) ?? InteractionKind.Unspecified,
            w.EventId, w.OpenedAt, w.WaitingMs, w.PastSla)).ToList();
        return new Scorecard
        {
            Brand = await brandAccount,
            AsOf = score.Parameters.AsOf,
            Score = score,
            Responsiveness = (await responsiveness).Summary,
            Strongest = strongest,
            OldestUnanswered = unanswered,
            TotalOpen = (await open).TotalOpen,
        };
    }

    private static async Task<Dictionary<string, Account>> NamesAsync(ScoringGridClient client, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        var lookups = distinct.Select(async id =>
        {
            try
            {
                return await client.GetAccountAsync(id, cancellationToken: cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return new Account { AccountId = id };
            }
        });
        var accounts = await Task.WhenAll(lookups);
        return distinct.Zip(accounts).ToDictionary(p => p.First, p => p.Second);
    }
}
