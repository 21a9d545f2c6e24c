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
