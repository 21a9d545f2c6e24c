using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Configuration;

/// <summary>The scoring model of each tenant: the defaults, the server-wide overrides, then the tenant's own.</summary>
public sealed class TenantModels
{
    private readonly ScoringModel _default;
    private readonly Dictionary<string, ScoringModel> _tenants = new(StringComparer.Ordinal);

    /// <summary>Builds the models from configuration, failing at start on a bad setting.</summary>
    public TenantModels(IConfiguration configuration)
    {
        var common = configuration.GetSection("ScoringGrid:Model").Get<ModelOptions>() ?? new ModelOptions();
        _default = common.ApplyTo(ScoringModel.Default, "ScoringGrid:Model");
        foreach (var tenant in configuration.GetSection("ScoringGrid:Tenants").GetChildren())
        {
            var section = tenant.GetSection("Model");
            var options = section.Get<ModelOptions>() ?? new ModelOptions();
            _tenants[tenant.Key] = options.ApplyTo(_default, section.Path);
        }
    }

    /// <summary>The model of a tenant.</summary>
    public ScoringModel For(string tenant) => _tenants.TryGetValue(tenant, out var model) ? model : _default;
}
