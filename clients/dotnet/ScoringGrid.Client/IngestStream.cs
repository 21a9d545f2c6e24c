using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>
/// An <c>IngestStream</c> call: batches go out in order, one ack comes back per batch, in the
/// same order. Several batches may be in flight at once: call <see cref="SendAsync"/> again
/// before the previous ack has arrived.
/// </summary>
/// <remarks>
/// <para>When the call fails with UNAVAILABLE (or CANCELLED without the caller cancelling it:
/// the server or the connection reset the stream), the stream opens a new call (after the client's
/// retry backoff) and sends again, in order, every batch not yet acknowledged. Ingestion is
/// idempotent by <c>event_id</c>, so an interaction the server applied before the failure is
/// reported as a duplicate in the resent batch's ack, never counted twice. After
/// <see cref="RetryPolicy.MaxAttempts"/> consecutive failed calls without an ack, or on any
/// other status, every unacknowledged batch fails with the call's <see cref="RpcException"/>
/// and the stream can no longer be used.</para>
/// <para>Each underlying call runs under the stream's deadline: an explicit
/// <see cref="CallSettings.Deadline"/>, or else a timeout (<see cref="CallSettings.Timeout"/> or
/// <see cref="ScoringGridClientOptions.StreamTimeout"/>) counted from when the call opens. A call
/// that has been open for more than half of that timeout with nothing in flight is closed and a
/// fresh one opened for the next batch, so a long-lived stream does not run into its deadline.</para>
/// </remarks>
public sealed class IngestStream : IAsyncDisposable
{
    private readonly CallInvoker _invoker;
    private readonly Metadata _headers;
    private readonly RetryPolicy _retry;
    private readonly DateTime? _absoluteDeadline;
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _cancellationToken;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly object _sync = new();
    private readonly Queue<PendingBatch> _unacked = new();
    private Generation? _current;
    private RpcException? _fault;
    private int _failedCalls;
    private bool _completing;
    private bool _disposed;

    internal IngestStream(ScoringGridClient client, CallSettings? settings, CancellationToken cancellationToken)
    {
        _invoker = client.Invoker;
        _headers = client.CreateHeaders(settings);
        _retry = settings?.Retry ?? client.Options.Retry;
        _cancellationToken = cancellationToken;
        if (settings?.Deadline is { } deadline)
        {
            _absoluteDeadline = deadline.ToUniversalTime();
        }
        else
        {
            var timeout = settings?.Timeout ?? client.Options.StreamTimeout;
            _timeout = timeout == Timeout.InfiniteTimeSpan ? null : timeout;
        }
    }

    /// <summary>Batches written and not yet acknowledged.</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _unacked.Count;
            }
        }
    }

    /// <summary>Underlying calls opened so far (more than one after a recovered failure or a refresh).</summary>
    public int CallsOpened { get; private set; }

    /// <summary>
    /// Sends a batch and returns its ack. The batch is written before the returned task can
    /// complete; several calls may be outstanding at once, and acks are matched to batches in
    /// the order the batches were written.
    /// </summary>
    /// <param name="batch">The batch (at most the server's batch limit, default 10,000 interactions).</param>
    /// <param name="cancellationToken">Stops waiting (for room to write, or for the ack); the batch may still be applied.</param>
    /// <exception cref="RpcException">The stream failed and could not recover.</exception>
    /// <exception cref="InvalidOperationException">The stream was completed or disposed.</exception>
    public async Task<IngestResponse> SendAsync(IngestRequest batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pending = new PendingBatch(batch);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfUnusable();
            var generation = await CurrentOrNewAsync().ConfigureAwait(false);
            lock (_sync)
            {
                _unacked.Enqueue(pending);
            }

            await TryWriteAsync(generation, batch).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        return await pending.Ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the ack of every batch sent, then half-closes the call and waits for it to
    /// end. No batch can be sent afterwards.
    /// </summary>
    /// <exception cref="RpcException">The stream failed and some batches were not acknowledged.</exception>
    public async Task CompleteAsync()
    {
        Task[] acks;
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _completing = true;
            lock (_sync)
            {
                acks = _unacked.Select(p => (Task)p.Ack.Task).ToArray();
            }
        }
        finally
        {
            _lock.Release();
        }

        await Task.WhenAll(acks).ConfigureAwait(false);
        Generation? last;
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_fault is not null)
            {
                throw _fault;
            }

            last = _current;
            if (last is not null)
            {
                await last.Call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }

        if (last is not null)
        {
            await last.Reader.ConfigureAwait(false);
            last.Call.Dispose();
            if (_fault is not null)
            {
                throw _fault;
            }
        }
    }

    /// <summary>Cancels the call if it is still open; unacknowledged batches fail with CANCELLED.</summary>
    public async ValueTask DisposeAsync()
    {
        Generation? current;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
        }

        if (current is not null)
        {
            current.Call.Dispose();
            await current.Reader.ConfigureAwait(false);
        }

        Fail(new RpcException(new Status(StatusCode.Cancelled, "The ingest stream was disposed before these batches were acknowledged.")));
    }

    private void ThrowIfUnusable()
    {
        if (_fault is not null)
        {
            throw _fault;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completing)
        {
            throw new InvalidOperationException("The ingest stream has been completed; open a new one to send more batches.");
        }
    }

    /// <summary>The open call, refreshed when it is old and idle; a new one when none is open. Called under the lock.</summary>
    private async Task<Generation> CurrentOrNewAsync()
    {
        if (_current is { } current && _timeout is { } timeout && DateTime.UtcNow - current.OpenedAt > timeout / 2 && InFlight == 0)
        {
            // Half-close the old call; its reader sees it end and disposes it.
            _current = null;
            await current.Call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }

        return _current ??= Open();
    }

    /// <summary>Opens a call and starts reading its acks. Called under the lock.</summary>
    private Generation Open()
    {
        var deadline = _absoluteDeadline ?? (_timeout is { } timeout ? DateTime.UtcNow + timeout : null);
        var call = _invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, new CallOptions(_headers, deadline, _cancellationToken));
        var generation = new Generation(call, DateTime.UtcNow);
        CallsOpened++;
        generation.Reader = Task.Run(() => ReadAcksAsync(generation));
        return generation;
    }

    /// <summary>Writes a batch; a failed write ends the call, and the reader then recovers or fails.</summary>
    private static async Task TryWriteAsync(Generation generation, IngestRequest batch)
    {
        try
        {
            await generation.Call.RequestStream.WriteAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The call has ended; its reader sees how and resends what was not acknowledged.
        }
    }

    private async Task ReadAcksAsync(Generation generation)
    {
        RpcException? failure = null;
        try
        {
            var responses = generation.Call.ResponseStream;
            while (await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                PendingBatch? head;
                lock (_sync)
                {
                    _unacked.TryDequeue(out head);
                    _failedCalls = 0;
                }

                if (head is null)
                {
                    failure = new RpcException(new Status(StatusCode.Internal, "The server acknowledged a batch that was not sent."));
                    generation.Call.Dispose();
                    break;
                }

                head.Ack.TrySetResult(responses.Current);
            }

        }
        catch (RpcException ex)
        {
            failure = ex;
        }

        if (failure is null)
        {
            failure = await EndedAsync(generation).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            await RecoverAsync(generation, failure).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A call ended with OK. Expected once completed, or for a call replaced while idle (then it
    /// is disposed); an OK end with batches in flight is a failure; an OK end of the idle
    /// current call just means the next batch opens a new one.
    /// </summary>
    private async Task<RpcException?> EndedAsync(Generation generation)
    {
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_current, generation))
            {
                generation.Call.Dispose();
                return null;
            }

            if (_completing)
            {
                return null;
            }

            if (InFlight > 0)
            {
                return new RpcException(new Status(StatusCode.Internal, "The server ended the ingest stream before acknowledging every batch."));
            }

            _current = null;
            generation.Call.Dispose();
            return null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>After a call failed: resends the unacknowledged batches on a new call when the failure is retryable, else fails them.</summary>
    private async Task RecoverAsync(Generation failed, RpcException failure)
    {
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_current, failed))
            {
                // A call replaced while idle: nothing of it is left to resend.
                failed.Call.Dispose();
                return;
            }

            _current = null;
            failed.Call.Dispose();
            PendingBatch[] unacked;
            lock (_sync)
            {
                unacked = _unacked.ToArray();
            }

            if (unacked.Length == 0 && IsRetryable(failure))
            {
                // Nothing was in flight: the next batch opens a new call.
                return;
            }

            if (IsRetryable(failure) && ++_failedCalls < _retry.MaxAttempts)
            {
                var backoff = _retry.GetBackoff(_failedCalls, Random.Shared.NextDouble());
                if (_absoluteDeadline is not { } deadline || DateTime.UtcNow + backoff < deadline)
                {
                    try
                    {
                        await Task.Delay(backoff, _cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        Fail(new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.")));
                        return;
                    }

                    if (!_disposed)
                    {
                        var next = Open();
                        _current = next;
                        foreach (var pending in unacked)
                        {
                            await TryWriteAsync(next, pending.Request).ConfigureAwait(false);
                        }

                        return;
                    }
                }
            }

            Fail(failure);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Whether a failed call is worth opening again: UNAVAILABLE, or CANCELLED that this stream
    /// did not ask for (the server or the connection reset the stream; a write that fails as the
    /// server ends the call can also surface as CANCELLED).
    /// </summary>
    private bool IsRetryable(RpcException failure) =>
        !_disposed && !_cancellationToken.IsCancellationRequested && failure.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled;

    /// <summary>Fails every unacknowledged batch and the stream itself.</summary>
    private void Fail(RpcException failure)
    {
        PendingBatch[] unacked;
        lock (_sync)
        {
            _fault ??= failure;
            unacked = _unacked.ToArray();
            _unacked.Clear();
        }

        foreach (var pending in unacked)
        {
            pending.Ack.TrySetException(failure);
        }
    }

    private sealed class Generation(AsyncDuplexStreamingCall<IngestRequest, IngestResponse> call, DateTime openedAt)
    {
        public AsyncDuplexStreamingCall<IngestRequest, IngestResponse> Call { get; } = call;

        public DateTime OpenedAt { get; } = openedAt;

        public Task Reader { get; set; } = Task.CompletedTask;
    }

    private sealed class PendingBatch(IngestRequest request)
    {
        public IngestRequest Request { get; } = request;

        public TaskCompletionSource<IngestResponse> Ack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
