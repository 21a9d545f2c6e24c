using ScoringGrid.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>What preloading came to.</summary>
/// <param name="Sent">Interactions sent.</param>
/// <param name="Accepted">Accepted by the server.</param>
/// <param name="Duplicates">Already held by the server.</param>
/// <param name="Rejected">Rejected one by one.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record PreloadResult(long Sent, long Accepted, long Duplicates, long Rejected, TimeSpan Elapsed);

/// <summary>
/// Ingests the interactions that query scenarios then ask about, through the project's .NET
/// client (<see cref="ScoringGridClient.IngestBatchesAsync"/>: one stream, batches in flight,
/// retries of UNAVAILABLE), before anything is measured.
/// </summary>
public static class Preloader
{
    /// <summary>Interactions per preload batch.</summary>
    public const int BatchSize = 1000;

    /// <summary>Ingests interactions.</summary>
    /// <param name="context">The run (target, key, deadlines).</param>
    /// <param name="interactions">What to ingest.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static async Task<PreloadResult> RunAsync(RunContext context, IEnumerable<Interaction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var client = new ScoringGridClient(new ScoringGridClientOptions
        {
            Address = settings.Target.ToString(),
            ApiKey = settings.ApiKey,
            DefaultTimeout = settings.CallTimeout,
            StreamTimeout = settings.MaxTime,
        });
        long sent = 0;
        var acks = await client.IngestBatchesAsync(Batches(interactions, settings.Workload.EventPrefix, n => sent += n), maxInFlight: 8, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PreloadResult(
            sent,
            acks.Sum(a => (long)a.Accepted),
            acks.Sum(a => (long)a.Duplicates),
            acks.Sum(a => (long)a.Rejected.Count),
            System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private static IEnumerable<IngestRequest> Batches(IEnumerable<Interaction> interactions, string prefix, Action<int> counted)
    {
        var number = 0;
        foreach (var chunk in interactions.Chunk(BatchSize))
        {
            var batch = new IngestRequest { BatchId = prefix + "preload-" + (++number).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            batch.Interactions.AddRange(chunk);
            counted(chunk.Length);
            yield return batch;
        }
    }
}
