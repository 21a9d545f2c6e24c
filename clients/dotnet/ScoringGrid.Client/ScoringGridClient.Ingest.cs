using ScoringGrid.Contracts;
using ScoringGrid.V1;

namespace ScoringGrid.Client;

public sealed partial class ScoringGridClient
{
    /// <summary>
    /// Ingests one batch. Retried on UNAVAILABLE: ingestion is idempotent by <c>event_id</c>, so
    /// a retried batch is never counted twice (what the first attempt applied comes back as
    /// duplicates). RESOURCE_EXHAUSTED when the batch is over the server's limit; otherwise the
    /// ack accounts for every item: accepted, duplicate or rejected with its field and reason.
    /// </summary>
    /// <param name="request">The batch.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IngestResponse> IngestAsync(IngestRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.Ingest, request, idempotent: true, settings, cancellationToken);

    /// <summary>Ingests interactions as one batch.</summary>
    /// <param name="interactions">The interactions (see <see cref="Interactions"/> for builders).</param>
    /// <param name="batchId">Echoed in the ack; null for a generated one.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IngestResponse> IngestAsync(IEnumerable<Interaction> interactions, string? batchId = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var request = new IngestRequest { BatchId = batchId ?? Guid.NewGuid().ToString("n") };
        request.Interactions.AddRange(interactions);
        return IngestAsync(request, settings, cancellationToken);
    }

    /// <summary>
    /// Opens an IngestStream call: send batches with <see cref="IngestStream.SendAsync"/>, each
    /// returning its ack, then <see cref="IngestStream.CompleteAsync"/>. The call itself opens
    /// with the first batch.
    /// </summary>
    /// <param name="settings">Deadline (or timeout per underlying call), retry policy and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public IngestStream OpenIngestStream(CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new IngestStream(this, settings, cancellationToken);
    }

    /// <summary>
    /// Sends batches in order over one IngestStream call, keeping up to
    /// <paramref name="maxInFlight"/> unacknowledged, and returns every ack in order.
    /// </summary>
    /// <param name="batches">The batches.</param>
    /// <param name="maxInFlight">Batches sent ahead of their acks (at least 1). Default 8.</param>
    /// <param name="settings">Deadline (or timeout per underlying call), retry policy and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public async Task<IReadOnlyList<IngestResponse>> IngestBatchesAsync(
        IEnumerable<IngestRequest> batches, int maxInFlight = 8, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        await using var stream = OpenIngestStream(settings, cancellationToken);
        var acks = new List<Task<IngestResponse>>();
        foreach (var batch in batches)
        {
            if (acks.Count >= maxInFlight)
            {
                await acks[acks.Count - maxInFlight].ConfigureAwait(false);
            }

            acks.Add(stream.SendAsync(batch, cancellationToken));
        }

        await stream.CompleteAsync().ConfigureAwait(false);
        return await Task.WhenAll(acks).ConfigureAwait(false);
    }

    /// <summary>Creates a batcher that groups interactions added one at a time into batches sent over one ingest stream.</summary>
    /// <param name="options">Batch size, linger time and window; null for the defaults.</param>
    public IngestBatcher CreateBatcher(IngestBatcherOptions? options = null) => new(this, options);
}
