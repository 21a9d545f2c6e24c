using System.Diagnostics;

namespace ScoringGrid.Server.Memory;

/// <summary>
/// Hands memory the collector no longer uses back to the operating system once the server has been
/// quiet for a while, after its resident memory has grown (<see cref="MemoryTrimPolicy"/>).
/// </summary>
/// <remarks>
/// After a burst of ingest the collector keeps the memory it grew into committed (at 1M relationships
/// loaded, 374 MB for a heap of 243 MB), which the process's resident size then reports. A trim is
/// one blocking, compacting full collection in the collector's aggressive mode, which releases what the
/// heap does not need. It pauses every thread (0.1 s at 1M relationships, about 1 s at 5M and 10M on
/// 2 vCPUs), so it runs only once a quiet spell has lasted <see cref="MemoryTrimOptions.TrimAfterQuiet"/>,
/// once per spell; a call arriving during it waits for it. Set <c>TrimAfterQuiet</c> to zero to
/// never trim.
/// </remarks>
public sealed class MemoryTrimService(MemoryTrimOptions options, TimeProvider clock, ILogger<MemoryTrimService> logger) : BackgroundService
{
    private readonly MemoryTrimPolicy _policy = new(options);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var start = clock.GetTimestamp();
        using var timer = new PeriodicTimer(options.CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var nowMs = (long)clock.GetElapsedTime(start).TotalMilliseconds;
                var resident = Environment.WorkingSet;
                if (_policy.ShouldTrim(nowMs, GC.GetTotalAllocatedBytes(precise: false), resident))
                {
                    Trim(TimeSpan.FromMilliseconds(nowMs - _policy.QuietSinceMs), resident);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim(TimeSpan quietFor, long residentBefore)
    {
        var watch = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        watch.Stop();
        var after = GC.GetGCMemoryInfo();
        var residentAfter = Environment.WorkingSet;
        _policy.Trimmed(residentAfter);
        logger.LogInformation(
            "Memory trim after {Quiet:N0} s quiet: resident {Before:N0} MB -> {After:N0} MB; the collector now commits {Committed:N0} MB for a heap of {Heap:N0} MB; pause {Pause:N0} ms.",
            quietFor.TotalSeconds, residentBefore >> 20, residentAfter >> 20, after.TotalCommittedBytes >> 20, after.HeapSizeBytes >> 20, watch.Elapsed.TotalMilliseconds);
    }
}
