using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// The account grain. Ingest work items call its Apply/UpdateRanking methods directly on the
/// partition's worker (its turn); queries reach it through <see cref="IAccountGrain"/>.
/// The state is written to storage when the grain is deactivated.
/// </summary>
public sealed class AccountGrain : ScoringGrain<AccountGrainState>, IAccountGrain
{
    /// <summary>Creates the grain; <paramref name="models"/> gives each tenant's scoring model.</summary>
    public AccountGrain(TenantModels models)
        : base(models)
    {
    }

    /// <summary>Applies an interaction whose target is this account; refuses it whole when it would open one expectation too many.</summary>
    public ApplyResult ApplyAsTarget(in Interaction interaction, ScoringModel model)
    {
        var scores = State.Scores ??= new AccountState(interaction.Target);
        var result = scores.ApplyAsTarget(interaction, model);
        if (result == ApplyResult.Applied)
        {
            MarkChanged();
        }

        return result;
    }

    /// <summary>Applies an interaction whose actor is this account (including a POST).</summary>
    public void ApplyAsActor(in Interaction interaction, ScoringModel model)
    {
        var scores = State.Scores ??= new AccountState(interaction.Actor);
        scores.ApplyAsActor(interaction, model);
        MarkChanged();
    }

    /// <summary>Records a relationship's new ranking keys (in the order the relationship produced them).</summary>
    public void UpdateRanking(in RankingKeys keys, ScoringModel model)
    {
        State.ByStrength ??= new TopRelationships(model);
        State.ByInbound ??= new TopRelationships(model);
        State.ByOutbound ??= new TopRelationships(model);
        UpdateOne(State.ByStrength, keys.Other, keys.Strength);
        UpdateOne(State.ByInbound, keys.Other, keys.Inbound);
        UpdateOne(State.ByOutbound, keys.Other, keys.Outbound);
        MarkChanged();
    }

    /// <inheritdoc />
    public Task<AccountScore?> GetScoreAsync(long asOfMs, int maxOpenListed) =>
        Task.FromResult(State.Scores?.Score(asOfMs, Model, maxOpenListed));

    /// <inheritdoc />
    public Task<AccountAttributes?> GetAttributesAsync() => Task.FromResult(State.Attributes);

    /// <inheritdoc />
    public Task<bool> ExistsAsync() => Task.FromResult(State.Scores is not null || State.Attributes is not null);

    /// <inheritdoc />
    public Task<bool> UpsertAttributesAsync(AccountAttributes attributes)
    {
        var created = State.Attributes is null;
        State.Attributes = attributes;
        MarkChanged();
        return Task.FromResult(created);
    }

    /// <inheritdoc />
    public Task<int?> GetRankAsync(string otherAccount) =>
        Task.FromResult(State.ByStrength is { } top && top.TryGetRank(otherAccount, out var rank) ? rank : (int?)null);

    /// <inheritdoc />
    public Task<RankedRelationship[]?> GetTopAsync(RankingDirection direction, int limit)
    {
        if (State.Scores is null && State.Attributes is null)
        {
            return Task.FromResult<RankedRelationship[]?>(null);
        }

        var top = direction switch
        {
            RankingDirection.Inbound => State.ByInbound,
            RankingDirection.Outbound => State.ByOutbound,
            _ => State.ByStrength,
        };
        return Task.FromResult<RankedRelationship[]?>(top?.Top(limit) ?? Array.Empty<RankedRelationship>());
    }


    private static void UpdateOne(TopRelationships top, string other, double key)
    {
        if (double.IsNegativeInfinity(key))
        {
            top.Remove(other);
        }
        else
        {
            top.Update(other, key);
        }
    }
}
