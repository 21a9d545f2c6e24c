using ScoringGrid.Grains;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Phase 3, on an account's partition: applies the interaction to the actor, and the pair's
/// ranking keys to each side.
/// </summary>
internal sealed class AccountPhase(IngestBatch batch, List<AccountUpdate> updates, IngestSettings settings) : WorkItem
{
    protected override async ValueTask ExecuteAsync(GrainPartition partition)
    {
        var accounts = AccountActivations.Of(partition);
        foreach (var update in updates)
        {
            var account = await accounts.GetAsync(update.Account, partition, settings.Directory).ConfigureAwait(false);
            if (update.IsActor)
            {
                account.ApplyAsActor(batch.Items[update.Index], batch.Model);
            }

            account.UpdateRanking(update.Keys, batch.Model);
        }

        GroupPool<AccountUpdate>.Return(updates);
        batch.Round.Join();
    }

    protected override void Fail(Exception exception) => batch.Round.Fail(exception);
}
