using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Workload;
using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>The query calls, sent on the raw call invoker (no retries, nothing between the loop and the wire).</summary>
public static class QueryCalls
{
    /// <summary>Name of the GetRelationship operation.</summary>
    public const string GetRelationship = "GetRelationship";

    /// <summary>Name of the GetAccountScore operation.</summary>
    public const string GetAccountScore = "GetAccountScore";

    /// <summary>Name of the GetResponsiveness operation.</summary>
    public const string GetResponsiveness = "GetResponsiveness";

    /// <summary>Name of the ListOpenExpectations operation.</summary>
    public const string ListOpenExpectations = "ListOpenExpectations";

    /// <summary>Name of the GetTopRelationships operation.</summary>
    public const string GetTopRelationships = "GetTopRelationships";

    /// <summary>Name of the BatchGetRelationships operation.</summary>
    public const string BatchGetRelationships = "BatchGetRelationships";

    /// <summary>GetRelationship of a pair drawn from the targets.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static ValueTask<RequestOutcome> RelationshipAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken) =>
        UnaryAsync(context, ScoringGridMethods.GetRelationship, RelationshipRequest(targets, random), worker, operation, cancellationToken);

    /// <summary>GetAccountScore of an account drawn from the targets.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static ValueTask<RequestOutcome> AccountAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken) =>
        UnaryAsync(context, ScoringGridMethods.GetAccountScore, AccountRequest(targets, random), worker, operation, cancellationToken);

    /// <summary>GetResponsiveness of an account drawn from the targets.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static ValueTask<RequestOutcome> ResponsivenessAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken) =>
        UnaryAsync(context, ScoringGridMethods.GetResponsiveness, ResponsivenessRequest(targets, random), worker, operation, cancellationToken);

    /// <summary>ListOpenExpectations (the server's default limit) of an account drawn from the targets.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static ValueTask<RequestOutcome> OpenExpectationsAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken) =>
        UnaryAsync(context, ScoringGridMethods.ListOpenExpectations, OpenExpectationsRequest(targets, random), worker, operation, cancellationToken);

    /// <summary>GetTopRelationships (both directions, the server's default limit) of an account drawn from the targets.</summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static ValueTask<RequestOutcome> TopAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken) =>
        UnaryAsync(context, ScoringGridMethods.GetTopRelationships, TopRequest(targets, random), worker, operation, cancellationToken);

    /// <summary>
    /// BatchGetRelationships of <c>--batch-size</c> pairs drawn from the targets. A call counts as an
    /// error when it fails or when any pair in it is refused or not found (by the first item's code).
    /// </summary>
    /// <param name="context">The run.</param>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The worker's generator.</param>
    /// <param name="worker">The worker (picks the connection).</param>
    /// <param name="operation">Operation index to report.</param>
    /// <param name="cancellationToken">Cut-off of the run.</param>
    public static async ValueTask<RequestOutcome> BatchAsync(RunContext context, QueryTargets targets, DeterministicRandom random, int worker, int operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = BatchRequest(targets, random, context.Settings.BatchSize);
        try
        {
            using var call = context.Channels.For(worker).AsyncUnaryCall(ScoringGridMethods.BatchGetRelationships, Options(context, cancellationToken), request);
            var response = await call.ResponseAsync.ConfigureAwait(false);
            foreach (var result in response.Results)
            {
                if (result.ResultCase == RelationshipResult.ResultOneofCase.Error)
                {
                    return RequestOutcome.Failed(operation, CallErrors.Name(result.Error.Code));
                }
            }

            return RequestOutcome.Ok(operation);
        }
        catch (RpcException ex)
        {
            return RequestOutcome.Failed(operation, CallErrors.Name(ex));
        }
    }

    /// <summary>The BatchGetRelationships request of <paramref name="pairs"/> pairs drawn from the targets (a pair may come twice, as hot pairs do).</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the pairs.</param>
    /// <param name="pairs">How many pairs.</param>
    public static BatchGetRelationshipsRequest BatchRequest(QueryTargets targets, DeterministicRandom random, int pairs)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var request = new BatchGetRelationshipsRequest();
        for (var i = 0; i < pairs; i++)
        {
            var (a, b) = targets.Pair(random);
            request.Pairs.Add(new AccountPair { AccountA = a, AccountB = b });
        }

        return request;
    }

    /// <summary>The GetRelationship request of a pair drawn from the targets.</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the pair.</param>
    public static GetRelationshipRequest RelationshipRequest(QueryTargets targets, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var (a, b) = targets.Pair(random);
        return new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = b } };
    }

    /// <summary>The GetAccountScore request of an account drawn from the targets.</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the account.</param>
    public static GetAccountScoreRequest AccountRequest(QueryTargets targets, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new GetAccountScoreRequest { AccountId = targets.Account(random) };
    }

    /// <summary>The GetResponsiveness request of an account drawn from the targets.</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the account.</param>
    public static GetResponsivenessRequest ResponsivenessRequest(QueryTargets targets, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new GetResponsivenessRequest { AccountId = targets.Account(random) };
    }

    /// <summary>The ListOpenExpectations request (the server's default limit) of an account drawn from the targets.</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the account.</param>
    public static ListOpenExpectationsRequest OpenExpectationsRequest(QueryTargets targets, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new ListOpenExpectationsRequest { AccountId = targets.Account(random) };
    }

    /// <summary>The GetTopRelationships request (both directions, the server's default limit) of an account drawn from the targets.</summary>
    /// <param name="targets">What to ask about.</param>
    /// <param name="random">The generator drawing the account.</param>
    public static GetTopRelationshipsRequest TopRequest(QueryTargets targets, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new GetTopRelationshipsRequest { AccountId = targets.Account(random), Direction = Direction.Both };
    }

    /// <summary>One unary call on the worker's connection: OK, or failed under its status.</summary>
    private static async ValueTask<RequestOutcome> UnaryAsync<TRequest, TResponse>(RunContext context, Method<TRequest, TResponse> method, TRequest request, int worker, int operation, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            using var call = context.Channels.For(worker).AsyncUnaryCall(method, Options(context, cancellationToken), request);
            await call.ResponseAsync.ConfigureAwait(false);
            return RequestOutcome.Ok(operation);
        }
        catch (RpcException ex)
        {
            return RequestOutcome.Failed(operation, CallErrors.Name(ex));
        }
    }

    private static CallOptions Options(RunContext context, CancellationToken cancellationToken) =>
        new(context.Channels.Headers, DateTime.UtcNow + context.Settings.CallTimeout, cancellationToken);
}
