using ScoringGrid.Grains;

namespace ScoringGrid.Server.Accounts;

/// <summary>What the directory knows of one account: its id (the one string instance every part of the server shares), its tenant and its grain.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Tenant">The tenant's accounts.</param>
/// <param name="GrainId">The account grain's identity (its stable hash places it).</param>
public readonly record struct AccountEntry(string Id, TenantAccounts Tenant, GrainId GrainId);
