using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Configuration;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// The account grain. Ingest work items call its Apply/UpdateRanking methods directly on the
/// partition's worker (its turn); queries reach it through <see cref="IAccountGrain"/>. Its
/// rankings name the other accounts by directory handle.
/// </summary>
public sealed class AccountGrain : ScoringGrain<AccountGrainState>, IAccountGrain
{
    private readonly AccountGrainServices _services;
    private int _handle = -1;

    /// <summary>Creates the grain with what all account grains share: the tenants' models and the directory.</summary>
    public AccountGrain(AccountGrainServices services) => _services = services;

    /// <inheritdoc />
    protected override TenantModels Models => _services.Models;

    private AccountDirectory Directory => _services.Directory;

    /// <summary>Applies an interaction whose target is this account; refuses it whole when it would open one expectation too many.</summary>
    public ApplyResult ApplyAsTarget(in Interaction interaction, ScoringModel model)
    {
        PrepareForChange();
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
        PrepareForChange();
        var scores = State.Scores ??= new AccountState(interaction.Actor);
        scores.ApplyAsActor(interaction, model);
        MarkChanged();
    }

    /// <summary>Records a relationship's new ranking keys (in the order the relationship produced them).</summary>
    public void UpdateRanking(in RankingKeys keys, ScoringModel model)
    {
        PrepareForChange();
        var rankings = State.Rankings ??= new TopRelationships<int>(model, Directory.IdOrder, RankingLists.Count);
        rankings.UpdateAll(keys.Other, [keys.Strength, keys.Inbound, keys.Outbound]); // the order of RankingLists; −∞ unlists
        MarkChanged();
    }

    /// <inheritdoc />
    public Task<AccountScore?> GetScoreAsync(long asOfMs, int maxOpenListed) => Task.FromResult(ReadScore(asOfMs, maxOpenListed));

    /// <summary>
    /// The account's score at an instant; null when the account was never seen in an interaction. Read
    /// in the grain's turn (<see cref="AccountScoreQuery"/>).
    /// </summary>
    internal AccountScore? ReadScore(long asOfMs, int maxOpenListed) => State.Scores?.Score(asOfMs, Model, maxOpenListed);

    /// <summary>
    /// The account's responsiveness at an instant, with at most <paramref name="maxOpenListed"/> open
    /// expectations listed (oldest first); null when the account was never seen in an interaction. Read
    /// in the grain's turn (<see cref="ResponsivenessQuery"/>).
    /// </summary>
    internal ResponsivenessScore? ReadResponsiveness(long asOfMs, int maxOpenListed) => State.Scores?.ScoreResponsiveness(asOfMs, Model, maxOpenListed);

    /// <inheritdoc />
    public Task<AccountAttributes?> GetAttributesAsync() => Task.FromResult(State.Attributes);

    /// <inheritdoc />
    public Task<bool> ExistsAsync() => Task.FromResult(State.Scores is not null || State.Attributes is not null);

    /// <inheritdoc />
    public Task<bool> UpsertAttributesAsync(AccountAttributes attributes)
    {
        PrepareForChange();
        var created = State.Attributes is null;
        State.Attributes = attributes;
        MarkChanged();
        return Task.FromResult(created);
    }

    /// <summary>
    /// The rank of the relationship with another account (directory handle) among the account's
    /// relationships by strength; null beyond the tracked top. Read in the grain's turn (GetRelationship's
    /// <see cref="RelationshipQuery"/>).
    /// </summary>
    internal int? RankOf(int otherAccount) =>
        State.Rankings is { } rankings && rankings.TryGetRank(otherAccount, out var rank, RankingLists.ByStrength) ? rank : null;

    /// <inheritdoc />
    public Task<RankedRelationship<string>[]?> GetTopAsync(RankingDirection direction, int limit)
    {
        if (State.Scores is null && State.Attributes is null)
        {
            return Task.FromResult<RankedRelationship<string>[]?>(null);
        }

        var ranked = State.Rankings?.Top(limit, RankingLists.Of(direction)) ?? [];
        var named = new RankedRelationship<string>[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            named[i] = new RankedRelationship<string>(Directory.IdOf(ranked[i].Other), ranked[i].Key, ranked[i].Rank);
        }

        return Task.FromResult<RankedRelationship<string>[]?>(named);
    }

    /// <summary>
    /// Copies the account's best relationships in a list into <paramref name="destination"/>, best
    /// first, other accounts by directory handle; how many, or −1 when the account was never seen.
    /// Read in the grain's turn (GetTopRelationships' <see cref="TopRelationshipsQuery"/>).
    /// </summary>
    internal int ReadTop(int list, Span<RankedRelationship<int>> destination)
    {
        if (State.Scores is null && State.Attributes is null)
        {
            return -1;
        }

        return State.Rankings?.Top(destination, list) ?? 0;
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GrainId.Key;
        var tenant = GrainKeys.TenantOf(GrainId);
        var accounts = Directory.For(tenant);
        if (accounts.TryGet(key[(accounts.KeyPrefix.Length)..], out var handle))
        {
            BindHandle(handle);
            Partition!.GetLocal(static () => new AccountActivations()).Set(handle, this);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_handle >= 0)
        {
            Partition!.GetLocal(static () => new AccountActivations()).Set(_handle, null);
        }

        await base.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the grain its directory handle (known once an interaction named the account).</summary>
    internal void BindHandle(int handle) => _handle = handle;
}
