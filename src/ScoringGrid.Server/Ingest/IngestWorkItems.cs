using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Phase 1, on the partition of the target account (the actor for a POST): drops duplicates
/// (the partition's deduplication table), applies the interaction to the target account —
/// which may refuse it whole at the open-expectation limit — then hands it to its
/// relationship's partition. A POST is complete here.
/// </summary>
internal sealed class TargetPhase(IngestBatch batch, List<int> indices, IngestSettings settings) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var deduplicator = partition.GetLocal(settings.CreateDeduplicator);
        var tenant = batch.Tenant;
        var model = batch.Model;
        var next = new PartitionGroups<int>();
        foreach (var index in indices)
        {
            var interaction = batch.Items[index];
            if (!deduplicator.TryAdd(tenant, interaction.EventId, batch.NowMs))
            {
                batch.Outcomes[index] = ItemOutcome.Duplicate;
                continue;
            }

            if (interaction.Kind == InteractionKind.Post)
            {
                var author = await partition.GetOrActivateAsync<AccountGrain>(batch.Owners[index]).ConfigureAwait(false);
                author.ApplyAsActor(interaction, model);
                batch.Outcomes[index] = ItemOutcome.Accepted;
                continue;
            }

            var target = await partition.GetOrActivateAsync<AccountGrain>(batch.Owners[index]).ConfigureAwait(false);
            if (target.ApplyAsTarget(interaction, model) == ApplyResult.ExpectationLimitExceeded)
            {
                deduplicator.Remove(tenant, interaction.EventId);
                batch.Reject(index, "target",
                    $"account '{interaction.Target}' already has {model.MaxOpenExpectationsPerAccount} open expectations, the limit",
                    StatusCode.ResourceExhausted);
                continue;
            }

            batch.Outcomes[index] = ItemOutcome.Accepted;
            next.Add(partition.Runtime.PartitionOf(batch.Relationships[index]), index);
        }

        next.Post(batch, indices => new RelationshipPhase(batch, indices));
        batch.Join();
    }

    protected override void Fail(Exception exception) => batch.Fail(exception);
}

/// <summary>
/// Phase 2, on the partition of the pair: applies the interaction to the relationship and
/// sends both accounts the pair's new ranking keys. Updates of one pair always come from this
/// partition, in the order applied, so each account sees them in order.
/// </summary>
internal sealed class RelationshipPhase(IngestBatch batch, List<int> indices) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var next = new PartitionGroups<AccountUpdate>();
        foreach (var index in indices)
        {
            var relationship = await partition.GetOrActivateAsync<RelationshipGrain>(batch.Relationships[index]).ConfigureAwait(false);
            var (forActor, forTarget) = relationship.Apply(batch.Items[index], batch.Model);
            var actor = batch.Actors[index];
            var target = batch.Owners[index];
            next.Add(partition.Runtime.PartitionOf(actor), new AccountUpdate(actor, index, IsActor: true, forActor));
            next.Add(partition.Runtime.PartitionOf(target), new AccountUpdate(target, index, IsActor: false, forTarget));
        }

        next.Post(batch, updates => new AccountPhase(batch, updates));
        batch.Join();
    }

    protected override void Fail(Exception exception) => batch.Fail(exception);
}

/// <summary>One account's share of an interaction in phase 3.</summary>
internal readonly record struct AccountUpdate(GrainId Account, int Index, bool IsActor, RankingKeys Keys);

/// <summary>
/// Phase 3, on an account's partition: applies the interaction to the actor, and the pair's
/// ranking keys to each side.
/// </summary>
internal sealed class AccountPhase(IngestBatch batch, List<AccountUpdate> updates) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        foreach (var update in updates)
        {
            var account = await partition.GetOrActivateAsync<AccountGrain>(update.Account).ConfigureAwait(false);
            if (update.IsActor)
            {
                account.ApplyAsActor(batch.Items[update.Index], batch.Model);
            }

            account.UpdateRanking(update.Keys, batch.Model);
        }

        batch.Join();
    }

    protected override void Fail(Exception exception) => batch.Fail(exception);
}

/// <summary>Entries grouped by the partition they go to.</summary>
internal sealed class PartitionGroups<T>
{
    private readonly Dictionary<GrainPartition, List<T>> _groups = new();

    public void Add(GrainPartition partition, T entry)
    {
        if (!_groups.TryGetValue(partition, out var list))
        {
            list = new List<T>();
            _groups.Add(partition, list);
        }

        list.Add(entry);
    }

    /// <summary>Forks the batch once per group, then posts each group as a work item.</summary>
    public void Post(IngestBatch batch, Func<List<T>, WorkItem> create)
    {
        batch.Fork(_groups.Count);
        foreach (var (partition, entries) in _groups)
        {
            partition.Post(create(entries));
        }
    }
}
