using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Base of the scoring grains: knows its tenant's scoring model. A changed state is stored by
/// the next checkpoint (durable storage) or when the grain leaves memory (memory storage).
/// </summary>
/// <typeparam name="TState">The state class.</typeparam>
public abstract class ScoringGrain<TState> : Grain<TState>
    where TState : class, new()
{
    /// <summary>Each tenant's scoring model (a reference the grain already holds, so that this base adds no field).</summary>
    protected abstract TenantModels Models { get; }

    /// <summary>The scoring model of the grain's tenant.</summary>
    protected ScoringModel Model => Models.For(GrainKeys.TenantOf(GrainId));

    /// <summary>Notes that the state changed and must be stored (by the next checkpoint, or before the grain leaves memory).</summary>
    protected void MarkChanged() => MarkStateChanged();

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // With checkpointed storage a dirty grain is not collected; the shutdown checkpoint writes the rest.
        if (IsStateDirty && !IsCheckpointed)
        {
            await WriteStateAsync().ConfigureAwait(false);
        }
    }
}
