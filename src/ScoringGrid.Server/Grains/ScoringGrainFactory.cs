using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Addresses the scoring grains by tenant and ids: account grains as typed references, and
/// relationship grains (compact) through their partition's table.
/// </summary>
public sealed class ScoringGrainFactory(GrainRuntime runtime, AccountDirectory directory, RelationshipGrainType relationships)
{
    /// <summary>The account grain of a tenant's account.</summary>
    public IAccountGrain GetAccount(string tenant, string account) => new AccountGrainReference(runtime, GrainKeys.Account(tenant, account));

    /// <summary>
    /// The relationship of two accounts, read: the pair's record and the rank of the pair among each
    /// side's relationships by strength; null when the pair never interacted.
    /// </summary>
    internal async ValueTask<RelationshipQuery?> GetRelationshipAsync(string tenant, string first, string second)
    {
        var accounts = directory.For(tenant);
        if (!accounts.TryGet(first, out var firstHandle) || !accounts.TryGet(second, out var secondHandle))
        {
            // Accounts not met since start: the pair exists only if storage holds it (never number ids a query merely names).
            if (runtime.Storage is not ICheckpointedGrainStorage storage
                || !storage.MayExist(RelationshipGrainType.Name, GrainKeys.RelationshipStableHash(accounts.KeyPrefix, first, second)))
            {
                return null;
            }

            firstHandle = accounts.GetOrAdd(first);
            secondHandle = accounts.GetOrAdd(second);
        }

        var query = new RelationshipQuery(runtime, relationships, firstHandle, secondHandle);
        return await query.RunAsync().ConfigureAwait(false) ? query : null;
    }
}
