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
    /// A query of the relationship of two accounts (the pair's record and the rank of the pair among
    /// each side's relationships by strength), ready to run; null when the pair cannot exist (an
    /// account never met, and storage does not hold the pair). Run it with
    /// <see cref="RelationshipQuery.RunAsync"/> (false: the pair never interacted), then give it back
    /// with <see cref="RelationshipQuery.Release"/> once read.
    /// </summary>
    internal RelationshipQuery? PrepareRelationshipQuery(string tenant, string first, string second)
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

        return RelationshipQuery.Rent(runtime, relationships, firstHandle, secondHandle);
    }

    /// <summary>
    /// <see cref="PrepareRelationshipQuery(string, string, string)"/> for accounts named by their
    /// characters: when the directory knows both, no string is made, and the ids given back are the
    /// directory's own; otherwise they are made from the characters.
    /// </summary>
    internal RelationshipQuery? PrepareRelationshipQuery(string tenant, ReadOnlySpan<char> first, ReadOnlySpan<char> second, out string firstId, out string secondId)
    {
        var accounts = directory.For(tenant);
        if (accounts.TryGet(first, out var firstHandle) && accounts.TryGet(second, out var secondHandle))
        {
            firstId = directory.IdOf(firstHandle);
            secondId = directory.IdOf(secondHandle);
            return RelationshipQuery.Rent(runtime, relationships, firstHandle, secondHandle);
        }

        firstId = first.ToString();
        secondId = second.ToString();
        return PrepareRelationshipQuery(tenant, firstId, secondId);
    }
}
