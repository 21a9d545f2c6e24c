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
        var accounts = AccountActivations.Of(partition);
        var tenant = batch.Tenant;
        var model = batch.Model;
        var next = new PartitionGroups<int>();
        foreach (var index in indices)
        {
            deduplicator.Prefetch(batch.EventHashes[index]);
        }

        foreach (var index in indices)
        {
            var interaction = batch.Items[index];
            if (!deduplicator.TryAdd(batch.EventHashes[index], batch.NowMs, batch.Owners[index].StableHash, batch.LogPosition))
            {
                batch.Outcomes[index] = ItemOutcome.Duplicate;
                continue;
            }

            if (interaction.Kind == InteractionKind.Post)
            {
                var author = await accounts.GetAsync(batch.Actors[index], partition, settings.Directory).ConfigureAwait(false);
                author.ApplyAsActor(interaction, model);
                batch.Outcomes[index] = ItemOutcome.Accepted;
                continue;
            }

            var target = await accounts.GetAsync(batch.Targets[index], partition, settings.Directory).ConfigureAwait(false);
            if (target.ApplyAsTarget(interaction, model) == ApplyResult.ExpectationLimitExceeded)
            {
                deduplicator.RemoveLast(batch.EventHashes[index]);
                batch.Reject(index, "target",
                    $"account '{interaction.Target}' already has {model.MaxOpenExpectationsPerAccount} open expectations, the limit",
                    StatusCode.ResourceExhausted);
                continue;
            }

            batch.Outcomes[index] = ItemOutcome.Accepted;
            next.Add(partition.Runtime.PartitionOf(settings.Relationships.PlacementHash(batch.Relationships[index])), index);
        }

        next.Post(batch.Round, indices => new RelationshipPhase(batch, indices, settings));
        GroupPool<int>.Return(indices);
        batch.Round.Join();
    }

    protected override void Fail(Exception exception) => batch.Round.Fail(exception);
}
