using System.Diagnostics;
using ScoringGrid.Grains;
using ScoringGrid.Grains.Log;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Ingest;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Services;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Durability of the server, started before it accepts calls and stopped after it stops
/// taking them:
/// <list type="number">
/// <item>recovery: schema, the index of stored grains, the stored event ids of the dedupe
/// window, then every log record after the last checkpoint replayed (torn or corrupt log tails
/// are truncated and reported by the log);</item>
/// <item>checkpoints, in the background: every interval or once enough log was written, the
/// gate is closed while every grain changed since the previous checkpoint is captured (a
/// consistent cut at the log's last position), then the records, the new event ids and the
/// position are written in one transaction and the log segments wholly covered are deleted;</item>
/// <item>a probe of the storage, so ingest answers UNAVAILABLE while it cannot be reached;</item>
/// <item>a last checkpoint at shutdown.</item>
/// </list>
/// </summary>
public sealed class DurabilityService : IHostedService, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly GrainRuntime _runtime;
    private readonly CheckpointedGrainStorage? _storage;
    private readonly ChangeJournal _journal;
    private readonly IngestPipeline _pipeline;
    private readonly ScoringGrainFactory _grains;
    private readonly ScoringLimits _limits;
    private readonly TimeProvider _clock;
    private readonly string _logDirectory;
    private readonly ILogger<DurabilityService> _logger;
    private readonly SemaphoreSlim _checkpointLock = new(1, 1);
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly CancellationTokenSource _stopping = new(); // ends the background loops' waits
    private readonly CancellationTokenSource _outOfTime = new(); // shutdown's time ran out: a checkpoint in progress gives up
    private Task? _checkpointLoop;
    private Task? _healthLoop;
    private long _lastCheckpointPosition;

    /// <summary>Creates the service.</summary>
    public DurabilityService(
        StorageOptions options,
        GrainRuntime runtime,
        ChangeJournal journal,
        IngestPipeline pipeline,
        ScoringGrainFactory grains,
        ScoringLimits limits,
        TimeProvider clock,
        DataDirectory dataDirectory,
        IHostApplicationLifetime lifetime,
        ILogger<DurabilityService> logger)
    {
        _options = options;
        _runtime = runtime;
        _storage = runtime.Storage as CheckpointedGrainStorage;
        _journal = journal;
        _pipeline = pipeline;
        _grains = grains;
        _limits = limits;
        _clock = clock;
        _logDirectory = dataDirectory.Resolve(options.LogDirectory);
        _logger = logger;
        journal.CheckpointDue += () => _checkpointDue.ReleaseIfNotSignalled();
        journal.Health.Diverged += problem =>
        {
            _logger.LogCritical("Stopping: {Problem}. Checkpoints have stopped; the next start replays the log from the last checkpoint.", problem);
            lifetime.StopApplication();
        };
    }

    /// <summary>What the last recovery did.</summary>
    public RecoveryReport? LastRecovery { get; private set; }

    /// <summary>Checkpoints written since start.</summary>
    public int CheckpointsWritten { get; private set; }

    /// <summary>Runs recovery, then starts checkpoints and the storage probe.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_storage is null)
        {
            return;
        }

        var store = _storage.Store;
        var clock = Stopwatch.StartNew();
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _storage.LoadIndexAsync(cancellationToken).ConfigureAwait(false);
        var position = await store.ReadCheckpointPositionAsync(cancellationToken).ConfigureAwait(false);
        var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var keys = new List<IdempotencyKey>();
        await foreach (var key in store.ReadIdempotencyKeysAsync(nowMs - (long)_limits.DeduplicationWindow.TotalMilliseconds, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        await _pipeline.RestoreKeysAsync(keys, nowMs).ConfigureAwait(false);
        var loaded = clock.Elapsed;

        var log = WriteAheadLog.Open(
            new WriteAheadLogOptions
            {
                Directory = _logDirectory,
                SegmentSize = _options.LogSegmentSize,
                Fsync = _options.LogFsync,
                MinimumLastPosition = position,
            },
            damage => _logger.LogWarning("The write-ahead log was damaged; recovery keeps every record before the damage. {Report}", damage));
        var replay = Stopwatch.StartNew();
        var (records, interactions) = await ReplayAsync(log, position, cancellationToken).ConfigureAwait(false);
        replay.Stop();
        _journal.Attach(log);
        _lastCheckpointPosition = position;
        LastRecovery = new RecoveryReport(position, records, interactions, keys.Count, _storage.StoredCount, loaded, replay.Elapsed, log.Recovery);
        _logger.LogInformation(
            "Recovered from {Provider}: checkpoint at log position {Position}, {Stored} stored grains, {Keys} event ids in the dedupe window (loaded in {Loaded} ms); replayed {Records} log records, {Interactions} interactions, in {Replay} ms ({Rate:N0} interactions/s).",
            store.Name, position, _storage.StoredCount, keys.Count, (long)loaded.TotalMilliseconds, records, interactions, (long)replay.Elapsed.TotalMilliseconds,
            interactions / Math.Max(replay.Elapsed.TotalSeconds, 1e-6));

        _checkpointLoop = Task.Run(() => CheckpointLoopAsync(_stopping.Token), CancellationToken.None);
        _healthLoop = Task.Run(() => HealthLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops the background work and writes a last checkpoint, within the time shutdown has
    /// (<paramref name="cancellationToken"/>: ScoringGrid:ShutdownTimeout). A checkpoint already
    /// in progress is finished rather than started again, so the last one writes only what changed
    /// after its cut. Should the time run out first, nothing is lost: the log holds every
    /// acknowledged change, and the next start replays it from the last checkpoint written.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_storage is null || _checkpointLoop is null)
        {
            return;
        }

        using (cancellationToken.Register(static outOfTime => ((CancellationTokenSource)outOfTime!).Cancel(), _outOfTime))
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_checkpointLoop, _healthLoop!).ConfigureAwait(false);
            var written = false;
            if (_journal.Health.IsAvailable && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    written = await CheckpointAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Reported below.
                }
            }

            if (!written && cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(
                    "Shutdown ran out of time (ScoringGrid:ShutdownTimeout) before the last checkpoint was written; nothing is lost: the next start replays the log from the last checkpoint, at log position {Position}.",
                    _lastCheckpointPosition);
            }
        }

        await _journal.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a checkpoint now (also used by tests and at shutdown). Returns false when it
    /// could not be written (the grains stay dirty, the log is kept).
    /// </summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        var log = _journal.Log;
        if (_storage is null || log is null)
        {
            return false;
        }

        await _checkpointLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_journal.Health.IsDiverged)
            {
                // Memory no longer matches the log: storing it would make a half-applied change permanent.
                return false;
            }

            var pause = Stopwatch.StartNew();
            CheckpointCapture[] captures;
            AddedKeys[] added;
            long position;
            await _journal.Gate.CloseAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                position = log.LastPosition;
                captures = await _runtime.CaptureCheckpointAsync(position).ConfigureAwait(false);
                added = await _pipeline.TakeAddedKeysAsync().ConfigureAwait(false);
                _journal.ResetBytesSinceCheckpoint();
            }
            finally
            {
                _journal.Gate.Open();
            }

            pause.Stop();
            var serialize = Stopwatch.StartNew();
            var records = new List<GrainRecordWrite>();
            try
            {
                // Serialized after the cut, interleaved with ingest (a grain changed meanwhile is serialized just before its change).
                await _runtime.MaterializeCheckpointAsync(captures).ConfigureAwait(false);
                foreach (var capture in captures)
                {
                    records.AddRange(capture.Writes);
                }
            }
            catch
            {
                await _runtime.CompleteCheckpointAsync(captures, null).ConfigureAwait(false);
                await _pipeline.ReturnAddedKeysAsync(added).ConfigureAwait(false);
                throw;
            }

            serialize.Stop();
            var keys = new CheckpointKeys(added);
            if (records.Count == 0 && keys.Count == 0 && position == _lastCheckpointPosition)
            {
                await _pipeline.RecycleAddedKeysAsync(added).ConfigureAwait(false);
                return true;
            }

            var write = Stopwatch.StartNew();
            try
            {
                var forgetBefore = _clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)_limits.DeduplicationWindow.TotalMilliseconds;
                var etags = await _storage.Store.WriteCheckpointAsync(new Checkpoint(records, keys, forgetBefore, position), cancellationToken).ConfigureAwait(false);
                await _runtime.CompleteCheckpointAsync(captures, etags).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await _runtime.CompleteCheckpointAsync(captures, null).ConfigureAwait(false);
                await _pipeline.ReturnAddedKeysAsync(added).ConfigureAwait(false);
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw; // given up (shutdown ran out of time): the caller reports it; the grains stay dirty, the log is kept
                }

                if (e is StorageUnavailableException)
                {
                    _journal.Health.ReportUnavailable(e.Message);
                    _logger.LogWarning("Checkpoint at log position {Position} not written: {Reason}", position, e.Message);
                    return false;
                }

                _logger.LogError(e, "Checkpoint at log position {Position} failed", position);
                if (e is InconsistentStateException)
                {
                    throw;
                }

                return false;
            }

            await _pipeline.RecycleAddedKeysAsync(added).ConfigureAwait(false);
            _lastCheckpointPosition = position;
            CheckpointsWritten++;
            var deleted = log.DeleteSegmentsCoveredBy(position);
            _logger.LogInformation(
                "Checkpoint at log position {Position}: {Records} grains and {Keys} event ids; ingest paused {Pause} ms for the cut, grains serialized in {Serialize} ms, written in {Write} ms ({Rate:N0} grains/s); {Deleted} log segments deleted.",
                position, records.Count, keys.Count, (long)pause.Elapsed.TotalMilliseconds, (long)serialize.Elapsed.TotalMilliseconds,
                (long)write.Elapsed.TotalMilliseconds, records.Count / Math.Max(write.Elapsed.TotalSeconds, 1e-6), deleted);
            return true;
        }
        finally
        {
            _checkpointLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _outOfTime.Dispose();
        await _journal.DisposeAsync().ConfigureAwait(false);
        if (_storage is not null)
        {
            await _storage.Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<(long Records, long Interactions)> ReplayAsync(WriteAheadLog log, long after, CancellationToken cancellationToken)
    {
        // A sliding window of RecoveryConcurrency records in flight: the oldest is awaited before the
        // next is started, rather than a whole wave before the next wave (on a 1M-interaction log the
        // two measured about the same: replay is bound by applying the records).
        long records = 0, interactions = 0;
        var inFlight = new Queue<Task>(_options.RecoveryConcurrency);
        foreach (var record in log.ReadAfter(after))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var decoded = LogRecordCodec.Decode(record.Payload);
            records++;
            switch (decoded.Kind)
            {
                case LogRecordKind.Ingest:
                    var batch = IngestWireRequest.Parse(decoded.Body.Span);
                    interactions += batch.Count;
                    inFlight.Enqueue(_pipeline.ApplyAsync(decoded.Tenant, batch, decoded.NowMs, record.Position));
                    break;
                case LogRecordKind.UpsertAccount:
                    var upsert = UpsertAccountRequest.Parser.ParseFrom(decoded.Body.Span);
                    inFlight.Enqueue(AccountGrpcService.ApplyUpsertAsync(_grains, decoded.Tenant, upsert, decoded.NowMs));
                    break;
            }

            if (inFlight.Count >= _options.RecoveryConcurrency)
            {
                await inFlight.Dequeue().ConfigureAwait(false);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return (records, interactions);
    }

    private async Task CheckpointLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _checkpointDue.WaitAsync(_options.CheckpointInterval, _clock, stopping).ConfigureAwait(false);
                if (_journal.Health.IsAvailable)
                {
                    // Not given up when stopping starts (the last checkpoint would only do it again), only when shutdown's time runs out.
                    await CheckpointAsync(_outOfTime.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested || _outOfTime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Checkpoint loop failed; retrying at the next interval");
            }
        }
    }

    private async Task HealthLoopAsync(CancellationToken stopping)
    {
        var store = _storage!.Store;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.HealthCheckInterval, _clock, stopping).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(_options.HealthCheckInterval * 5);
                await store.PingAsync(timeout.Token).ConfigureAwait(false);
                if (!_journal.Health.IsReachable)
                {
                    _logger.LogInformation("Storage {Provider} is reachable again.", store.Name);
                    _journal.Health.ReportAvailable();
                    _checkpointDue.ReleaseIfNotSignalled();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
            {
                if (_journal.Health.IsReachable)
                {
                    _logger.LogWarning("Storage {Provider} cannot be reached: {Reason}. Changes are refused until it is back.", store.Name, e.Message);
                }

                _journal.Health.ReportUnavailable($"{store.Name}: {e.Message}");
            }
        }
    }
}

/// <summary>What recovery did at start.</summary>
/// <param name="CheckpointPosition">Log position of the checkpoint recovery started from.</param>
/// <param name="RecordsReplayed">Log records replayed after it.</param>
/// <param name="InteractionsReplayed">Interactions in them.</param>
/// <param name="IdempotencyKeys">Event ids restored into the dedupe window.</param>
/// <param name="StoredGrains">Grain records in storage.</param>
/// <param name="LoadTime">Time to read the checkpoint, index and event ids.</param>
/// <param name="ReplayTime">Time to replay the log.</param>
/// <param name="Log">What the log found when opened (damage truncated, if any).</param>
public sealed record RecoveryReport(
    long CheckpointPosition,
    long RecordsReplayed,
    long InteractionsReplayed,
    int IdempotencyKeys,
    int StoredGrains,
    TimeSpan LoadTime,
    TimeSpan ReplayTime,
    LogRecoveryReport Log);

internal static class SemaphoreWaitExtensions
{
    /// <summary>Signals a semaphore of capacity one unless it is already signalled.</summary>
    public static void ReleaseIfNotSignalled(this SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits for a release or the interval, whichever comes first.</summary>
    public static async Task WaitAsync(this SemaphoreSlim semaphore, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(interval, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await semaphore.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
    }
}
