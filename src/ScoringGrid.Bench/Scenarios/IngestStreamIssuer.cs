using ScoringGrid.Bench.Load;
using ScoringGrid.Rpc;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// ingest-stream (and load-pairs): <c>--concurrency</c> IngestStream calls, each with
/// <c>--in-flight</c> workers, so that many batches are sent ahead of their acks per stream. A
/// request is one batch; its latency runs to its ack.
/// </summary>
public sealed class IngestStreamIssuer : IRequestIssuer, IAsyncDisposable
{
    /// <summary>The operation's name.</summary>
    public const string Operation = "IngestStream";

    private readonly BatchFeed _feed;
    private readonly IngestStreamLane[] _lanes;

    /// <summary>Creates the streams (each opens with its first batch).</summary>
    /// <param name="context">The run.</param>
    /// <param name="feed">Where batches come from.</param>
    /// <param name="streams">How many streams.</param>
    public IngestStreamIssuer(RunContext context, BatchFeed feed, int streams)
    {
        ArgumentNullException.ThrowIfNull(context);
        _feed = feed;
        _lanes = Enumerable.Range(0, streams)
            .Select(s => new IngestStreamLane(context.Channels.For(s), context.Channels.Headers, context.RunDeadline, context.CancellationToken))
            .ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Operations { get; } = [Operation];

    /// <summary>Calls opened over all streams (more than the streams after failures).</summary>
    public int CallsOpened => _lanes.Sum(l => l.CallsOpened);

    /// <inheritdoc />
    public async ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken)
    {
        var batch = await _feed.NextAsync(cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return RequestOutcome.Exhausted;
        }

        var items = batch.Interactions.Count;
        try
        {
            var ack = await _lanes[worker % _lanes.Length].SendAsync(batch).ConfigureAwait(false);
            return RequestOutcome.Ok(0, items, ack);
        }
        catch (RpcException ex)
        {
            return RequestOutcome.Failed(0, CallErrors.Name(ex), items);
        }
    }

    /// <summary>Completes the streams.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync().ConfigureAwait(false);
        }
    }
}
