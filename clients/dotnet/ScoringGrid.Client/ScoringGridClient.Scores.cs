using ScoringGrid.Contracts;
using ScoringGrid.V1;

namespace ScoringGrid.Client;

public sealed partial class ScoringGridClient
{
    /// <summary>An account's score and what it was computed from; NOT_FOUND for an account never seen.</summary>
    /// <param name="request">The account and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AccountScore> GetAccountScoreAsync(GetAccountScoreRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.GetAccountScore, request, idempotent: true, settings, cancellationToken);

    /// <summary>An account's score and what it was computed from; NOT_FOUND for an account never seen.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AccountScore> GetAccountScoreAsync(string accountId, DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new GetAccountScoreRequest { AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId)) };
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return GetAccountScoreAsync(request, settings, cancellationToken);
    }

    /// <summary>The relationship between two accounts, in the order asked; NOT_FOUND when they never interacted.</summary>
    /// <param name="request">The pair and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<RelationshipScore> GetRelationshipAsync(GetRelationshipRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.GetRelationship, request, idempotent: true, settings, cancellationToken);

    /// <summary>The relationship between two accounts, seen from <paramref name="accountA"/>; NOT_FOUND when they never interacted.</summary>
    /// <param name="accountA">One account.</param>
    /// <param name="accountB">The other.</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<RelationshipScore> GetRelationshipAsync(string accountA, string accountB, DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new GetRelationshipRequest { Pair = Pair(accountA, accountB) };
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return GetRelationshipAsync(request, settings, cancellationToken);
    }

    /// <summary>Several relationships at once; each result carries either the relationship or its own error.</summary>
    /// <param name="request">The pairs (at most the server's limit, default 1,000) and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<BatchGetRelationshipsResponse> BatchGetRelationshipsAsync(BatchGetRelationshipsRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.BatchGetRelationships, request, idempotent: true, settings, cancellationToken);

    /// <summary>Several relationships at once; each result carries either the relationship or its own error.</summary>
    /// <param name="pairs">The pairs, each seen from its first account.</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<BatchGetRelationshipsResponse> BatchGetRelationshipsAsync(
        IEnumerable<(string AccountA, string AccountB)> pairs, DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var request = new BatchGetRelationshipsRequest();
        request.Pairs.AddRange(pairs.Select(p => Pair(p.AccountA, p.AccountB)));
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return BatchGetRelationshipsAsync(request, settings, cancellationToken);
    }

    /// <summary>An account's top relationships, best first.</summary>
    /// <param name="request">The account, ranking, limit, minimum tier and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<TopRelationshipsResponse> GetTopRelationshipsAsync(GetTopRelationshipsRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.GetTopRelationships, request, idempotent: true, settings, cancellationToken);

    /// <summary>An account's top relationships, best first.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="direction">Ranking by strength (both), engagement received (inbound) or given (outbound).</param>
    /// <param name="limit">How many; 0 for the server's default (15).</param>
    /// <param name="minimumTier">Leave out relationships below this tier; <see cref="Tier.Unspecified"/> keeps all.</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<TopRelationshipsResponse> GetTopRelationshipsAsync(
        string accountId, Direction direction = Direction.Both, uint limit = 0, Tier minimumTier = Tier.Unspecified,
        DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new GetTopRelationshipsRequest
        {
            AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId)),
            Direction = direction,
            Limit = limit,
            MinimumTier = minimumTier,
        };
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return GetTopRelationshipsAsync(request, settings, cancellationToken);
    }

    /// <summary>An account's responsiveness to the mentions and direct messages it received.</summary>
    /// <param name="request">The account and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ResponsivenessResponse> GetResponsivenessAsync(GetResponsivenessRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.GetResponsiveness, request, idempotent: true, settings, cancellationToken);

    /// <summary>An account's responsiveness to the mentions and direct messages it received.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ResponsivenessResponse> GetResponsivenessAsync(string accountId, DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new GetResponsivenessRequest { AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId)) };
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return GetResponsivenessAsync(request, settings, cancellationToken);
    }

    /// <summary>Who is still waiting for an answer from an account, oldest first.</summary>
    /// <param name="request">The account, limit and evaluation instant.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ListOpenExpectationsResponse> ListOpenExpectationsAsync(ListOpenExpectationsRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.ListOpenExpectations, request, idempotent: true, settings, cancellationToken);

    /// <summary>Who is still waiting for an answer from an account, oldest first.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limit">How many; 0 for the server's default (50).</param>
    /// <param name="asOf">Evaluation instant; null for the server's now.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ListOpenExpectationsResponse> ListOpenExpectationsAsync(
        string accountId, uint limit = 0, DateTimeOffset? asOf = null, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new ListOpenExpectationsRequest { AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId)), Limit = limit };
        if (asOf is { } at)
        {
            request.AsOf = at.ToUnixTimeMilliseconds();
        }

        return ListOpenExpectationsAsync(request, settings, cancellationToken);
    }

    private static AccountPair Pair(string accountA, string accountB) => new()
    {
        AccountA = accountA ?? throw new ArgumentNullException(nameof(accountA)),
        AccountB = accountB ?? throw new ArgumentNullException(nameof(accountB)),
    };
}
