using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// mixed: each request is a read with probability <c>--read-ratio</c>, else a write. Reads are
/// GetRelationship (half), GetAccountScore (a quarter) and GetTopRelationships (a quarter) of
/// targets the server holds; writes are unary Ingest calls of <c>--batch-size</c> interactions
/// that continue the workload. Each operation gets its own latency histogram.
/// </summary>
public sealed class MixedIssuer : IRequestIssuer
{
    private const int Relationship = 0;
    private const int Account = 1;
    private const int Top = 2;
    private const int Write = 3;

    private readonly RunContext _context;
    private readonly QueryTargets _targets;
    private readonly BatchFeed _feed;
    private readonly double _readRatio;
    private readonly DeterministicRandom[] _random;

    /// <summary>Creates the issuer.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What reads ask about.</param>
    /// <param name="feed">What writes send.</param>
    /// <param name="workers">Number of workers.</param>
    public MixedIssuer(RunContext context, QueryTargets targets, BatchFeed feed, int workers)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _targets = targets;
        _feed = feed;
        _readRatio = context.Settings.ReadRatio;
        _random = WorkerRandom.Create(context.Settings.Workload.Seed, workers);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Operations { get; } = [QueryCalls.GetRelationship, QueryCalls.GetAccountScore, QueryCalls.GetTopRelationships, IngestUnaryIssuer.Operation];

    /// <inheritdoc />
    public ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken)
    {
        var random = _random[worker];
        if (!random.Chance(_readRatio))
        {
            return IngestUnaryIssuer.IngestAsync(_context, _feed, worker, Write, cancellationToken);
        }

        return random.Next(4) switch
        {
            0 or 1 => QueryCalls.RelationshipAsync(_context, _targets, random, worker, Relationship, cancellationToken),
            2 => QueryCalls.AccountAsync(_context, _targets, random, worker, Account, cancellationToken),
            _ => QueryCalls.TopAsync(_context, _targets, random, worker, Top, cancellationToken),
        };
    }
}
