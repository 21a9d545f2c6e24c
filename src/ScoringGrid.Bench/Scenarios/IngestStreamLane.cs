using System.Collections.Concurrent;
using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// One IngestStream call shared by the workers of one stream: each <see cref="SendAsync"/>
/// writes a batch (writes are serialised) and completes with that batch's ack (acks come back in
/// order). When the call fails, every batch waiting for an ack fails with its status, and the
/// next batch opens a new call: a failure is counted, never hidden by a resend.
/// </summary>
public sealed class IngestStreamLane : IAsyncDisposable
{
    private readonly CallInvoker _invoker;
    private readonly Metadata _headers;
    private readonly DateTime _deadline;
    private readonly CancellationToken _cancellationToken;
    private readonly SemaphoreSlim _write = new(1, 1);
    private Generation? _current;

    /// <summary>Creates a lane; the call opens with the first batch.</summary>
    /// <param name="invoker">The connection's invoker.</param>
    /// <param name="headers">Request headers (the API key).</param>
    /// <param name="deadline">Deadline of the calls (the end of the run).</param>
    /// <param name="cancellationToken">Cancels the calls (the run is cut off).</param>
    public IngestStreamLane(CallInvoker invoker, Metadata headers, DateTime deadline, CancellationToken cancellationToken)
    {
        _invoker = invoker;
        _headers = headers;
        _deadline = deadline;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Calls opened so far (more than one after a failure).</summary>
    public int CallsOpened { get; private set; }

    /// <summary>Sends a batch and waits for its ack.</summary>
    /// <param name="batch">The batch.</param>
    /// <exception cref="RpcException">The call failed before the batch was acknowledged.</exception>
    public async Task<IngestResponse> SendAsync(IngestRequest batch)
    {
        var pending = new TaskCompletionSource<IngestResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _write.WaitAsync(_cancellationToken).ConfigureAwait(false);
        try
        {
            var generation = _current is { IsFailed: false } open ? open : Open();
            generation.Pending.Enqueue(pending);
            if (generation.IsFailed)
            {
                // The reader may have drained the queue just before this batch joined it.
                generation.Drain();
            }
            else
            {
                try
                {
                    await generation.Call.RequestStream.WriteAsync(batch).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
                {
                    // The call has ended; its reader fails what is pending with the call's status.
                }
            }
        }
        finally
        {
            _write.Release();
        }

        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>Half-closes the open call and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _write.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_current is { } current)
            {
                if (!current.IsFailed)
                {
                    try
                    {
                        await current.Call.RequestStream.CompleteAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
                    {
                    }
                }

                await current.Reader.ConfigureAwait(false);
                current.Call.Dispose();
                _current = null;
            }
        }
        finally
        {
            _write.Release();
        }
    }

    private Generation Open()
    {
        _current?.Call.Dispose();
        var call = _invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, new CallOptions(_headers, _deadline, _cancellationToken));
        var generation = new Generation(call);
        generation.Reader = Task.Run(() => ReadAsync(generation));
        _current = generation;
        CallsOpened++;
        return generation;
    }

    private static async Task ReadAsync(Generation generation)
    {
        RpcException? failure = null;
        try
        {
            var responses = generation.Call.ResponseStream;
            while (await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                if (!generation.Pending.TryDequeue(out var head))
                {
                    failure = new RpcException(new Status(StatusCode.Internal, "the server acknowledged a batch that was not sent"));
                    break;
                }

                head.TrySetResult(responses.Current);
            }
        }
        catch (RpcException ex)
        {
            failure = ex;
        }

        generation.Fail(failure ?? new RpcException(new Status(StatusCode.Internal, "the server ended the stream before acknowledging every batch")));
    }

    private sealed class Generation(AsyncDuplexStreamingCall<IngestRequest, IngestResponse> call)
    {
        public AsyncDuplexStreamingCall<IngestRequest, IngestResponse> Call { get; } = call;

        public ConcurrentQueue<TaskCompletionSource<IngestResponse>> Pending { get; } = new();

        public Task Reader { get; set; } = Task.CompletedTask;

        private RpcException? _failure;

        public bool IsFailed => Volatile.Read(ref _failure) is not null;

        public void Fail(RpcException failure)
        {
            Interlocked.CompareExchange(ref _failure, failure, null);
            Drain();
        }

        public void Drain()
        {
            var failure = Volatile.Read(ref _failure)!;
            while (Pending.TryDequeue(out var pending))
            {
                pending.TrySetException(failure);
            }
        }
    }
}
