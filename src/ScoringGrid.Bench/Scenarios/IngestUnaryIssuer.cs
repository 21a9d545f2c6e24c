using ScoringGrid.Bench.Load;
using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>ingest-unary: one unary Ingest call per request, carrying <c>--batch-size</c> interactions.</summary>
public sealed class IngestUnaryIssuer : IRequestIssuer
{
    /// <summary>The operation's name.</summary>
    public const string Operation = "Ingest";

    private readonly RunContext _context;
    private readonly BatchFeed _feed;

    /// <summary>Creates the issuer.</summary>
    /// <param name="context">The run.</param>
    /// <param name="feed">Where batches come from.</param>
    public IngestUnaryIssuer(RunContext context, BatchFeed feed)
    {
        _context = context;
        _feed = feed;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Operations { get; } = [Operation];

    /// <inheritdoc />
    public async ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken) =>
        await IngestAsync(_context, _feed, worker, 0, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends the next batch of a feed as one unary Ingest call.</summary>
    /// <param name="context">The run.</param>
    /// <param name="feed">Where the batch comes from.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">The operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    internal static async ValueTask<RequestOutcome> IngestAsync(RunContext context, BatchFeed feed, int worker, int operation, CancellationToken cancellationToken)
    {
        var batch = await feed.NextAsync(cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return RequestOutcome.Exhausted;
        }

        var items = batch.Interactions.Count;
        var options = new CallOptions(context.Channels.Headers, DateTime.UtcNow + context.Settings.CallTimeout, cancellationToken);
        try
        {
            using var call = context.Channels.For(worker).AsyncUnaryCall(ScoringGridMethods.Ingest, options, batch);
            var ack = await call.ResponseAsync.ConfigureAwait(false);
            return RequestOutcome.Ok(operation, items, ack);
        }
        catch (RpcException ex)
        {
            return RequestOutcome.Failed(operation, CallErrors.Name(ex), items);
        }
    }
}
