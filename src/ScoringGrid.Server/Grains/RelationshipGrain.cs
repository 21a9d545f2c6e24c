using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>The relationship grain of an unordered pair. Written to storage when deactivated.</summary>
public sealed class RelationshipGrain : ScoringGrain<RelationshipGrainState>, IRelationshipGrain
{
    /// <summary>Creates the grain; <paramref name="models"/> gives each tenant's scoring model.</summary>
    public RelationshipGrain(TenantModels models)
        : base(models)
    {
    }

    /// <summary>Applies an interaction between the pair and returns the new ranking keys of both sides.</summary>
    public (RankingKeys ForActor, RankingKeys ForTarget) Apply(in Interaction interaction, ScoringModel model)
    {
        var pair = State.Pair ??= new RelationshipState(interaction.Actor, interaction.Target);
        pair.Apply(interaction, model);
        MarkChanged();
        var strength = pair.StrengthKey;
        return (
            new RankingKeys(interaction.Target, strength, pair.InboundKey(interaction.Actor), pair.OutboundKey(interaction.Actor)),
            new RankingKeys(interaction.Actor, strength, pair.InboundKey(interaction.Target), pair.OutboundKey(interaction.Target)));
    }

    /// <inheritdoc />
    public Task<RelationshipScore?> GetScoreAsync(long asOfMs) => Task.FromResult(State.Pair?.Score(asOfMs, Model));
}
