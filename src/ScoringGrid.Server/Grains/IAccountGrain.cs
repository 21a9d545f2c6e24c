using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// An account of a tenant, keyed by <see cref="GrainKeys.Account"/>. Holds the account's
/// engagement, responsiveness, followers and post rates, its attributes, and its relationships
/// ranked incrementally (never by scanning). Interactions reach it through the ingest pipeline.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account's score at an instant; null when the account was never seen.</summary>
    Task<AccountScore?> GetScoreAsync(long asOfMs, int maxOpenListed);

    /// <summary>The account's attributes; null when never upserted.</summary>
    Task<AccountAttributes?> GetAttributesAsync();

    /// <summary>Whether the account was ever upserted or seen in an interaction.</summary>
    Task<bool> ExistsAsync();

    /// <summary>Creates or replaces the attributes; true when there were none.</summary>
    Task<bool> UpsertAttributesAsync(AccountAttributes attributes);

    /// <summary>The best relationships in a direction, other accounts by id; null when the account was never seen.</summary>
    Task<RankedRelationship<string>[]?> GetTopAsync(RankingDirection direction, int limit);
}
