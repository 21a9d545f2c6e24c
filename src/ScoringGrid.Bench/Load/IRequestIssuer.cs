namespace ScoringGrid.Bench.Load;

/// <summary>Sends the requests of a scenario: one call per <see cref="IssueAsync"/>, which completes when it is answered.</summary>
public interface IRequestIssuer
{
    /// <summary>The names of the operations it sends (e.g. <c>GetRelationship</c>), indexed by <see cref="RequestOutcome.Operation"/>.</summary>
    IReadOnlyList<string> Operations { get; }

    /// <summary>Sends one request and waits for its answer. Call failures are outcomes, not exceptions.</summary>
    /// <param name="worker">The worker sending it (0 to workers - 1), e.g. to pick its connection.</param>
    /// <param name="sequence">The request's number in the phase.</param>
    /// <param name="cancellationToken">Cancelled when the run is cut off.</param>
    ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken);
}
