using System.Diagnostics;
using System.Threading.Channels;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>
/// Groups interactions added one at a time into batches sent over one ingest stream. A batch
/// is sent when it reaches <see cref="IngestBatcherOptions.MaxBatchSize"/>, when its first
/// interaction has waited <see cref="IngestBatcherOptions.LingerTime"/>, on
/// <see cref="FlushAsync"/>, and on completion or disposal. Each added interaction's
/// <see cref="PendingInteraction.Outcome"/> completes when its batch is acknowledged, with the
/// server's reason when it was rejected; <see cref="BatchCompleted"/> reports each batch.
/// </summary>
/// <remarks>
/// <see cref="AddAsync"/> waits while <see cref="IngestBatcherOptions.QueueCapacity"/>
/// interactions are queued and <see cref="IngestBatcherOptions.MaxBatchesInFlight"/> batches
/// await their acks, so a fast producer is held back rather than buffering without bound.
/// A stream that fails for good (see <see cref="IngestStream"/> for what is retried) fails the
/// outcome of every interaction not yet acknowledged with its <see cref="RpcException"/>, and
/// every later <see cref="AddAsync"/> throws it. Thread-safe.
/// </remarks>
public sealed class IngestBatcher : IAsyncDisposable
{
    private readonly IngestStream _stream;
    private readonly IngestBatcherOptions _options;
    private readonly Channel<QueueEntry> _queue;
    private readonly SemaphoreSlim _window;
    private readonly string _batchIdPrefix;
    private readonly object _sync = new();
    private readonly HashSet<Task> _inFlight = new();
    private readonly Task _pump;
    private Exception? _fault;
    private Task? _completion;
    private long _batchNumber;
    private long _added;
    private long _accepted;
    private long _duplicates;
    private long _rejected;

    /// <summary>Creates a batcher over a new ingest stream of the client.</summary>
    /// <param name="client">The client whose stream carries the batches.</param>
    /// <param name="options">Batch size, linger time and window; null for the defaults.</param>
    public IngestBatcher(ScoringGridClient client, IngestBatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new IngestBatcherOptions();
        _options.Validate();
        _stream = client.OpenIngestStream(_options.StreamSettings);
        _window = new SemaphoreSlim(_options.MaxBatchesInFlight, _options.MaxBatchesInFlight);
        var capacity = _options.QueueCapacity > 0 ? _options.QueueCapacity : 2 * _options.MaxBatchSize;
        _queue = Channel.CreateBounded<QueueEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _batchIdPrefix = _options.BatchIdPrefix ?? Guid.NewGuid().ToString("n")[..12];
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Raised once per acknowledged batch, before the outcomes of its interactions complete. Exceptions thrown by handlers are ignored.</summary>
    public event EventHandler<BatchOutcome>? BatchCompleted;

    /// <summary>Interactions added so far.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Batches sent so far.</summary>
    public long BatchesSent => Interlocked.Read(ref _batchNumber);

    /// <summary>Interactions the server applied, over all acknowledged batches.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Interactions the server already had (same <c>event_id</c>), over all acknowledged batches.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Interactions the server refused, over all acknowledged batches.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>The underlying stream (for its <see cref="IngestStream.CallsOpened"/>).</summary>
    public IngestStream Stream => _stream;

    /// <summary>
    /// Queues an interaction, waiting while the queue is full. The returned handle's
    /// <see cref="PendingInteraction.Outcome"/> completes when its batch is acknowledged.
    /// </summary>
    /// <param name="interaction">The interaction; not to be changed afterwards.</param>
    /// <param name="state">Anything to carry along to the outcome, e.g. a line number.</param>
    /// <param name="cancellationToken">Stops waiting for room in the queue.</param>
    /// <exception cref="RpcException">The stream has failed for good.</exception>
    /// <exception cref="InvalidOperationException">The batcher was completed or disposed.</exception>
    public async ValueTask<PendingInteraction> AddAsync(Interaction interaction, object? state = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ThrowIfFaulted();
        var pending = new PendingInteraction(interaction, state);
        try
        {
            await _queue.Writer.WriteAsync(new QueueEntry(pending, null), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new InvalidOperationException("The batcher has been completed; create a new one to send more interactions.");
        }

        Interlocked.Increment(ref _added);
        return pending;
    }

    /// <summary>Sends the interactions queued so far without waiting for the linger time, and waits until all of them have their outcome.</summary>
    /// <param name="cancellationToken">Stops waiting; the interactions are still sent.</param>
    /// <exception cref="RpcException">The stream failed for good.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new QueueEntry(null, flushed), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await (_completion ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfFaulted();
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends everything queued, waits for every ack and closes the stream. Later
    /// <see cref="AddAsync"/> calls fail. Calling it again returns the same task.
    /// </summary>
    /// <exception cref="RpcException">The stream failed for good; some outcomes carry the error.</exception>
    public Task CompleteAsync()
    {
        lock (_sync)
        {
            return _completion ??= CompleteCoreAsync();
        }
    }

    /// <summary>Sends everything queued, waits for every ack and closes the stream, like <see cref="CompleteAsync"/>, without throwing: failures are in the outcomes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Reported through each interaction's outcome.
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CompleteCoreAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await WhenInFlightAsync().ConfigureAwait(false);
        ThrowIfFaulted();
        await _stream.CompleteAsync().ConfigureAwait(false);
    }

    private void ThrowIfFaulted()
    {
        if (Volatile.Read(ref _fault) is { } fault)
        {
            throw fault as RpcException ?? new RpcException(new Status(StatusCode.Internal, "The batcher failed: " + fault.Message));
        }
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingInteraction>(Math.Min(_options.MaxBatchSize, 1024));
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                TaskCompletionSource? flush = null;
                var started = Stopwatch.GetTimestamp();
                while (true)
                {
                    while (batch.Count < _options.MaxBatchSize && flush is null && reader.TryRead(out var entry))
                    {
                        if (entry.Flush is not null)
                        {
                            flush = entry.Flush;
                        }
                        else
                        {
                            if (batch.Count == 0)
                            {
                                started = Stopwatch.GetTimestamp();
                            }

                            batch.Add(entry.Pending!);
                        }
                    }

                    if (batch.Count == 0 || batch.Count >= _options.MaxBatchSize || flush is not null)
                    {
                        break;
                    }

                    var remaining = _options.LingerTime - Stopwatch.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                if (batch.Count > 0)
                {
                    await SendAsync(batch).ConfigureAwait(false);
                    batch = new List<PendingInteraction>(Math.Min(_options.MaxBatchSize, 1024));
                }

                if (flush is not null)
                {
                    _ = ResolveFlushAsync(flush);
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _fault, _fault ?? ex);
            _queue.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }

            while (reader.TryRead(out var entry))
            {
                entry.Pending?.Fail(ex);
                entry.Flush?.TrySetException(ex);
            }
        }
    }

    /// <summary>Waits until more entries can be read, at most <paramref name="timeout"/>; false when none came.</summary>
    private static async Task<bool> WaitForMoreAsync(ChannelReader<QueueEntry> reader, TimeSpan timeout)
    {
        using var linger = new CancellationTokenSource(timeout);
        try
        {
            return await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task SendAsync(List<PendingInteraction> batch)
    {
        await _window.WaitAsync().ConfigureAwait(false);
        var request = new IngestRequest { BatchId = $"{_batchIdPrefix}-{Interlocked.Increment(ref _batchNumber)}" };
        foreach (var pending in batch)
        {
            request.Interactions.Add(pending.Interaction);
        }

        if (Volatile.Read(ref _fault) is { } fault)
        {
            _window.Release();
            foreach (var pending in batch)
            {
                pending.Fail(fault);
            }

            return;
        }

        var tracked = TrackAsync(request, batch, _stream.SendAsync(request));
        lock (_sync)
        {
            _inFlight.RemoveWhere(t => t.IsCompleted);
            if (!tracked.IsCompleted)
            {
                _inFlight.Add(tracked);
            }
        }
    }

    private async Task TrackAsync(IngestRequest request, List<PendingInteraction> batch, Task<IngestResponse> ackTask)
    {
        try
        {
            var ack = await ackTask.ConfigureAwait(false);
            Interlocked.Add(ref _accepted, ack.Accepted);
            Interlocked.Add(ref _duplicates, ack.Duplicates);
            Interlocked.Add(ref _rejected, ack.Rejected.Count);
            var outcome = new BatchOutcome(request, ack, batch.Select(p => p.State).ToArray());
            try
            {
                BatchCompleted?.Invoke(this, outcome);
            }
            catch (Exception)
            {
                // Handlers must not break the batcher.
            }

            var rejections = new Dictionary<int, RejectedInteraction>();
            foreach (var rejection in ack.Rejected)
            {
                rejections.TryAdd((int)rejection.Index, rejection);
            }

            var ingested = ack.Duplicates == 0 ? InteractionStatus.Accepted
                : ack.Accepted == 0 ? InteractionStatus.Duplicate
                : InteractionStatus.AcceptedOrDuplicate;
            for (var i = 0; i < batch.Count; i++)
            {
                var rejected = rejections.GetValueOrDefault(i);
                batch[i].Complete(new InteractionOutcome(batch[i].Interaction, rejected is null ? ingested : InteractionStatus.Rejected, rejected, outcome));
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _fault, ex, null);
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
        finally
        {
            _window.Release();
        }
    }

    private Task WhenInFlightAsync()
    {
        lock (_sync)
        {
            _inFlight.RemoveWhere(t => t.IsCompleted);
            return Task.WhenAll(_inFlight.ToArray());
        }
    }

    private async Task ResolveFlushAsync(TaskCompletionSource flush)
    {
        await WhenInFlightAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _fault) is { } fault)
        {
            flush.TrySetException(fault);
        }
        else
        {
            flush.TrySetResult();
        }
    }

    private readonly record struct QueueEntry(PendingInteraction? Pending, TaskCompletionSource? Flush);
}
