using System.Globalization;
using System.Threading.Channels;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// Ingest batches cut from a sequence of interactions by a background producer, a bounded
/// number ahead of the workers that send them: generation runs beside sending, and the
/// interactions keep their order (batch <c>k</c> holds interactions <c>k·size</c> onwards,
/// whichever worker sends it). Thread-safe for any number of readers.
/// </summary>
public sealed class BatchFeed : IAsyncDisposable
{
    private readonly Channel<IngestRequest> _batches;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private long _batchesProduced;

    /// <summary>Starts producing batches.</summary>
    /// <param name="interactions">The interactions (finite or endless; enumerated on a background thread).</param>
    /// <param name="batchSize">Interactions per batch.</param>
    /// <param name="batchIdPrefix">Prefix of the batch ids (the batch number follows).</param>
    /// <param name="capacity">Batches produced ahead of the readers.</param>
    public BatchFeed(IEnumerable<Interaction> interactions, int batchSize, string batchIdPrefix, int capacity)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _batches = Channel.CreateBounded<IngestRequest>(new BoundedChannelOptions(capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _producer = Task.Run(() => ProduceAsync(interactions, batchSize, batchIdPrefix, _stop.Token));
    }

    /// <summary>Batches produced so far.</summary>
    public long BatchesProduced => Interlocked.Read(ref _batchesProduced);

    /// <summary>The next batch, or null once the interactions have run out.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async ValueTask<IngestRequest?> NextAsync(CancellationToken cancellationToken)
    {
        if (_batches.Reader.TryRead(out var ready))
        {
            return ready;
        }

        try
        {
            return await _batches.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is null)
        {
            return null;
        }
    }

    /// <summary>Stops the producer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(IEnumerable<Interaction> interactions, int batchSize, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new IngestRequest();
            foreach (var interaction in interactions)
            {
                batch.Interactions.Add(interaction);
                if (batch.Interactions.Count == batchSize)
                {
                    await WriteAsync(batch, prefix, cancellationToken).ConfigureAwait(false);
                    batch = new IngestRequest();
                }
            }

            if (batch.Interactions.Count > 0)
            {
                await WriteAsync(batch, prefix, cancellationToken).ConfigureAwait(false);
            }

            _batches.Writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            _batches.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _batches.Writer.TryComplete(ex);
        }
    }

    private async ValueTask WriteAsync(IngestRequest batch, string prefix, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _batchesProduced);
        batch.BatchId = prefix + "b" + number.ToString(CultureInfo.InvariantCulture);
        await _batches.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }
}
