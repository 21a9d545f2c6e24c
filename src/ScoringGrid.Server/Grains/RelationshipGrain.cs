using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;


namespace ScoringGrid.Server.Grains;

/// <summary>The relationship grain of an unordered pair. Written to storage when deactivated.</summary>
public sealed class RelationshipGrain : Grain<RelationshipGrainState>, IRelationshipGrain
{
    private readonly TenantModels _models;
    private bool _dirty;

    /// <summary>Creates the grain; <paramref name="models"/> gives each tenant's scoring model.</summary>
    public RelationshipGrain(TenantModels models) => _models = models;

    /// <summary>Applies an interaction between the pair and returns the new ranking keys of both sides.</summary>
    public (RankingKeys ForActor, RankingKeys ForTarget) Apply(in Interaction interaction, ScoringModel model)
    {
        var pair = State.Pair ??= new RelationshipState(interaction.Actor, interaction.Target);
        pair.Apply(interaction, model);
        _dirty = true;
        var strength = pair.StrengthKey;
        return (
            new RankingKeys(interaction.Target, strength, pair.InboundKey(interaction.Actor), pair.OutboundKey(interaction.Actor)),
            new RankingKeys(interaction.Actor, strength, pair.InboundKey(interaction.Target), pair.OutboundKey(interaction.Target)));
    }

    /// <inheritdoc />
    public Task<RelationshipScore?> GetScoreAsync(long asOfMs) => Task.FromResult(State.Pair?.Score(asOfMs, _models.For(GrainKeys.TenantOf(GrainId))));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteStateAsync().ConfigureAwait(false);
            _dirty = false;
        }
    }
}
