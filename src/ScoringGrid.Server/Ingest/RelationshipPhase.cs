using ScoringGrid.Grains;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Phase 2, on the partition of the pair: applies the interaction to the relationship (a compact
/// grain) and sends both accounts the pair's new ranking keys. Updates of one pair always come
/// from this partition, in the order applied, so each account sees them in order.
/// </summary>
internal sealed class RelationshipPhase(IngestBatch batch, List<int> indices, IngestSettings settings) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var table = partition.GetTable(settings.Relationships);
        var directory = settings.Directory;
        var runtime = partition.Runtime;
        var next = new PartitionGroups<AccountUpdate>();
        foreach (var index in indices)
        {
            table.PrefetchIndex(batch.Relationships[index]);
        }

        foreach (var index in indices)
        {
            table.PrefetchSlot(batch.Relationships[index]);
        }

        foreach (var index in indices)
        {
            var key = batch.Relationships[index];
            var slot = await table.GetOrActivateAsync(key).ConfigureAwait(false);
            var actor = batch.Actors[index];
            var target = batch.Targets[index];
            var fromB = actor == key.Hi;
            table.Read(slot, out var record);
            ref readonly var interaction = ref batch.Items[index];
            record.Apply(fromB, interaction.Kind, interaction.OccurredAtMs, interaction.Sentiment, batch.Model);
            table.Write(slot, record);
            table.MarkChanged(slot);
            var strength = record.StrengthKey;
            var actorToTarget = fromB ? record.BToAKey : record.AToBKey;
            var targetToActor = fromB ? record.AToBKey : record.BToAKey;
            next.Add(runtime.PartitionOf(directory[actor].GrainId.StableHash), new AccountUpdate(actor, index, IsActor: true, new RankingKeys(target, strength, targetToActor, actorToTarget)));
            next.Add(runtime.PartitionOf(directory[target].GrainId.StableHash), new AccountUpdate(target, index, IsActor: false, new RankingKeys(actor, strength, actorToTarget, targetToActor)));
        }

        next.Post(batch.Round, updates => new AccountPhase(batch, updates, settings));
        GroupPool<int>.Return(indices);
        batch.Round.Join();
    }

    protected override void Fail(Exception exception) => batch.Round.Fail(exception);
}
