using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>Addresses account and relationship grains by tenant and ids, as typed references.</summary>
public sealed class ScoringGrainFactory(GrainRuntime runtime)
{
    /// <summary>The account grain of a tenant's account.</summary>
    public IAccountGrain GetAccount(string tenant, string account) => new AccountGrainReference(runtime, GrainKeys.Account(tenant, account));

    /// <summary>The relationship grain of a tenant's pair.</summary>
    public IRelationshipGrain GetRelationship(string tenant, string first, string second) =>
        new RelationshipGrainReference(runtime, GrainKeys.Relationship(tenant, first, second));
}

/// <summary>A reference to an account grain: each call runs in the grain's turn on its partition.</summary>
internal sealed class AccountGrainReference(GrainRuntime runtime, GrainId id) : IAccountGrain
{
    public Task<AccountScore?> GetScoreAsync(long asOfMs, int maxOpenListed) =>
        runtime.InvokeAsync<AccountGrain, AccountScore?>(id, g => g.GetScoreAsync(asOfMs, maxOpenListed));

    public Task<AccountAttributes?> GetAttributesAsync() => runtime.InvokeAsync<AccountGrain, AccountAttributes?>(id, g => g.GetAttributesAsync());

    public Task<bool> ExistsAsync() => runtime.InvokeAsync<AccountGrain, bool>(id, g => g.ExistsAsync());

    public Task<bool> UpsertAttributesAsync(AccountAttributes attributes) =>
        runtime.InvokeAsync<AccountGrain, bool>(id, g => g.UpsertAttributesAsync(attributes));

    public Task<int?> GetRankAsync(string otherAccount) => runtime.InvokeAsync<AccountGrain, int?>(id, g => g.GetRankAsync(otherAccount));

    public Task<RankedRelationship[]?> GetTopAsync(RankingDirection direction, int limit) =>
        runtime.InvokeAsync<AccountGrain, RankedRelationship[]?>(id, g => g.GetTopAsync(direction, limit));
}

/// <summary>A reference to a relationship grain.</summary>
internal sealed class RelationshipGrainReference(GrainRuntime runtime, GrainId id) : IRelationshipGrain
{
    public Task<RelationshipScore?> GetScoreAsync(long asOfMs) =>
        runtime.InvokeAsync<RelationshipGrain, RelationshipScore?>(id, g => g.GetScoreAsync(asOfMs));
}
