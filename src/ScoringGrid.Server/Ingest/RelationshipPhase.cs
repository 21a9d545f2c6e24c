using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

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
