using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// get-relationship, get-account, top-relationships, batch-get-relationships, get-responsiveness,
/// list-open-expectations: one query per request,
/// about a pair or account (or <c>--batch-size</c> pairs) drawn from <see cref="QueryTargets"/> by each
/// worker's own seeded generator.
/// </summary>
public sealed class QueryIssuer : IRequestIssuer
{
    private readonly RunContext _context;
    private readonly QueryTargets _targets;
    private readonly ScenarioKind _kind;
    private readonly DeterministicRandom[] _random;

    /// <summary>Creates the issuer.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="kind">A single-query scenario (<see cref="ScenarioNames.IsSingleQuery"/>).</param>
    /// <param name="workers">Number of workers.</param>
    public QueryIssuer(RunContext context, QueryTargets targets, ScenarioKind kind, int workers)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _targets = targets;
        _kind = kind;
        _random = WorkerRandom.Create(context.Settings.Workload.Seed, workers);
        Operations = kind switch
        {
            ScenarioKind.GetRelationship => [QueryCalls.GetRelationship],
            ScenarioKind.GetAccount => [QueryCalls.GetAccountScore],
            ScenarioKind.TopRelationships => [QueryCalls.GetTopRelationships],
            ScenarioKind.BatchGetRelationships => [QueryCalls.BatchGetRelationships],
            ScenarioKind.GetResponsiveness => [QueryCalls.GetResponsiveness],
            ScenarioKind.ListOpenExpectations => [QueryCalls.ListOpenExpectations],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a query scenario."),
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Operations { get; }

    /// <inheritdoc />
    public ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken) => _kind switch
    {
        ScenarioKind.GetRelationship => QueryCalls.RelationshipAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
        ScenarioKind.GetAccount => QueryCalls.AccountAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
        ScenarioKind.BatchGetRelationships => QueryCalls.BatchAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
        ScenarioKind.GetResponsiveness => QueryCalls.ResponsivenessAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
        ScenarioKind.ListOpenExpectations => QueryCalls.OpenExpectationsAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
        _ => QueryCalls.TopAsync(_context, _targets, _random[worker], worker, 0, cancellationToken),
    };
}
