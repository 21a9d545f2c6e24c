using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Durability.Tests.Fixtures;

/// <summary>
/// Streams batches at full speed over IngestStream with several in flight, recording each
/// acknowledged batch in the ledger. Batches sent but not acknowledged when the stream breaks
/// are in doubt: the caller retries them after the restart, as a real client would.
/// </summary>
public static class StreamingClient
{
    /// <summary>Streams until the server dies or <paramref name="maxBatches"/> are acked; returns the batches in doubt.</summary>
    public static async Task<List<IngestRequest>> StreamUntilBrokenAsync(ServerProcess server, Ledger ledger, int batchSize, int inFlight, int maxBatches, CancellationToken cancellationToken)
    {
        var sent = new Queue<IngestRequest>();
        var window = new SemaphoreSlim(inFlight);
        var acked = 0;
        // Cancelled when the response stream ends or breaks, so the writer never waits for a window that no ack will open.
        using var broken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? reader = null;
        try
        {
            using var call = server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ServerProcess.Call(TimeSpan.FromMinutes(2)).WithCancellationToken(cancellationToken));
            reader = Task.Run(async () =>
            {
                try
                {
                    await ReadAcksAsync();
                }
                finally
                {
                    await broken.CancelAsync();
                }
            }, cancellationToken);

            async Task ReadAcksAsync()
            {
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    IngestRequest batch;
                    lock (sent)
                    {
                        batch = sent.Dequeue();
                    }

                    Assert.Equal(batch.BatchId, call.ResponseStream.Current.BatchId);
                    Assert.Empty(call.ResponseStream.Current.Rejected);
                    ledger.Acked(batch);
                    acked++;
                    window.Release();
                }
            }

            for (var i = 0; i < maxBatches && !reader.IsCompleted; i++)
            {
                await window.WaitAsync(broken.Token);
                var batch = ledger.NextBatch(batchSize);
                lock (sent)
                {
                    sent.Enqueue(batch);
                }

                await call.RequestStream.WriteAsync(batch);
            }

            await call.RequestStream.CompleteAsync();
            await reader;
        }
        catch (Exception e) when (e is RpcException or IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // The server was killed mid-stream.
        }

        if (reader is { IsFaulted: true } && reader.Exception.InnerException is Xunit.Sdk.XunitException failure)
        {
            // A wrong ack is a failure of the server, not a broken stream.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        lock (sent)
        {
            return sent.ToList();
        }
    }

    /// <summary>Sends batches one by one with the unary call, retrying UNAVAILABLE; records them as acked.</summary>
    public static async Task SendAsync(ServerProcess server, Ledger ledger, IEnumerable<IngestRequest> batches)
    {
        foreach (var batch in batches)
        {
            var response = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ServerProcess.Call(), batch).ResponseAsync;
            Assert.Empty(response.Rejected);
            Assert.Equal((uint)batch.Interactions.Count, response.Accepted + response.Duplicates);
            ledger.Acked(batch);
        }
    }
}
