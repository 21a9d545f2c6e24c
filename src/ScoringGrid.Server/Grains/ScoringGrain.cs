using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Base of the scoring grains: knows its tenant's scoring model, and writes its state to
/// storage when it leaves memory if the state changed since it was read or last written.
/// </summary>
/// <typeparam name="TState">The state class.</typeparam>
public abstract class ScoringGrain<TState> : Grain<TState>
    where TState : class, new()
{
    private readonly TenantModels _models;
    private bool _changed;

    /// <summary>Creates the grain; <paramref name="models"/> gives each tenant's scoring model.</summary>
    protected ScoringGrain(TenantModels models) => _models = models;

    /// <summary>The scoring model of the grain's tenant.</summary>
    protected ScoringModel Model => _models.For(GrainKeys.TenantOf(GrainId));

    /// <summary>Notes that the state changed and must be written before the grain leaves memory.</summary>
    protected void MarkChanged() => _changed = true;

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_changed)
        {
            await WriteStateAsync().ConfigureAwait(false);
            _changed = false;
        }
    }
}
