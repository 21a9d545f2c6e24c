using ScoringGrid.Grains;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Grains;

/// <summary>A reference to an account grain: each call runs in the grain's turn on its partition.</summary>
internal sealed class AccountGrainReference(GrainRuntime runtime, GrainId id) : IAccountGrain
{
    public Task<AccountScore?> GetScoreAsync(long asOfMs, int maxOpenListed) =>
        runtime.InvokeAsync<AccountGrain, AccountScore?>(id, g => g.GetScoreAsync(asOfMs, maxOpenListed));

    public Task<AccountAttributes?> GetAttributesAsync() => runtime.InvokeAsync<AccountGrain, AccountAttributes?>(id, g => g.GetAttributesAsync());

    public Task<bool> ExistsAsync() => runtime.InvokeAsync<AccountGrain, bool>(id, g => g.ExistsAsync());

    public Task<bool> UpsertAttributesAsync(AccountAttributes attributes) =>
        runtime.InvokeAsync<AccountGrain, bool>(id, g => g.UpsertAttributesAsync(attributes));

    public Task<RankedRelationship<string>[]?> GetTopAsync(RankingDirection direction, int limit) =>
        runtime.InvokeAsync<AccountGrain, RankedRelationship<string>[]?>(id, g => g.GetTopAsync(direction, limit));
}
