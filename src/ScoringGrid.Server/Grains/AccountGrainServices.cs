using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// What every account grain of a server shares: the tenants' scoring models and the account directory.
/// A grain holds this one reference instead of one to each (a server holds millions of account grains).
/// </summary>
/// <param name="models">Each tenant's scoring model.</param>
/// <param name="directory">The account directory.</param>
public sealed class AccountGrainServices(TenantModels models, AccountDirectory directory)
{
    /// <summary>Each tenant's scoring model.</summary>
    public TenantModels Models { get; } = models;

    /// <summary>The account directory.</summary>
    public AccountDirectory Directory { get; } = directory;
}
