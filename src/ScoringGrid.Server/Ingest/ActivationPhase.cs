using ScoringGrid.Grains;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Phase 0, with durable storage, before the batch is logged: activates on this partition every
/// grain of the batch placed here, reading storage where a grain is stored and not in memory. A
/// storage failure fails the round, so the batch is refused whole before anything is logged.
/// </summary>
internal sealed class ActivationPhase(PhaseRound round, List<GrainToActivate> grains, IngestSettings settings) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var table = partition.GetTable(settings.Relationships);
        var accounts = AccountActivations.Of(partition);

        // The relationships' lookups, hinted a batch at a time like the relationship phase's: in
        // steady state every one finds its grain active, so the lookups are all this phase costs.
        foreach (var grain in grains)
        {
            if (grain.AccountHandle < 0)
            {
                table.PrefetchIndex(grain.Pair);
            }
        }

        foreach (var grain in grains)
        {
            if (grain.AccountHandle < 0)
            {
                table.PrefetchSlot(grain.Pair);
            }
        }

        foreach (var grain in grains)
        {
            if (grain.AccountHandle >= 0)
            {
                await accounts.GetAsync(grain.AccountHandle, partition, settings.Directory).ConfigureAwait(false);
            }
            else
            {
                await table.GetOrActivateAsync(grain.Pair).ConfigureAwait(false);
            }
        }

        GroupPool<GrainToActivate>.Return(grains);
        round.Join();
    }

    protected override void Fail(Exception exception) => round.Fail(exception);
}
