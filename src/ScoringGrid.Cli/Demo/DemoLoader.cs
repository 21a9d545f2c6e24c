using System.Diagnostics;
using ScoringGrid.Client;
using Spectre.Console;

namespace ScoringGrid.Cli.Demo;

/// <summary>Loads a demo dataset: upserts the accounts, then ingests the interactions through an ingest batcher.</summary>
internal static class DemoLoader
{
    public static async Task<DemoLoad> LoadAsync(ScoringGridClient client, DemoDataset dataset, ProgressContext? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var accountsTask = progress?.AddTask("accounts", maxValue: dataset.Accounts.Count);
        var interactionsTask = progress?.AddTask("interactions", maxValue: dataset.Interactions.Count);
        using (var window = new SemaphoreSlim(16))
        {
            var upserts = dataset.Accounts.Select(async account =>
            {
                await window.WaitAsync(cancellationToken);
                try
                {
                    await client.UpsertAccountAsync(account, cancellationToken: cancellationToken);
                    accountsTask?.Increment(1);
                }
                finally
                {
                    window.Release();
                }
            }).ToArray();
            await Task.WhenAll(upserts);
        }

        await using var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = 2000, LingerTime = TimeSpan.FromMilliseconds(50), MaxBatchesInFlight = 4 });
        if (interactionsTask is not null)
        {
            batcher.BatchCompleted += (_, batch) => interactionsTask.Increment(batch.Request.Interactions.Count);
        }

        foreach (var interaction in dataset.Interactions)
        {
            await batcher.AddAsync(interaction, cancellationToken: cancellationToken);
        }

        await batcher.CompleteAsync();
        return new DemoLoad(dataset.Accounts.Count, dataset.Interactions.Count, batcher.Accepted, batcher.Duplicates, batcher.Rejected, clock.Elapsed);
    }
}
