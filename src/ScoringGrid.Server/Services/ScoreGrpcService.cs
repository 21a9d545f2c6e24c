using System.Buffers;
using System.Runtime.CompilerServices;
using ScoringGrid.Contracts;
using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Services;

/// <summary>
/// scoringgrid.v1.ScoreService. Each query reaches one grain, or a few (a relationship and its
/// two accounts for the tiers); nothing scans. Never-seen accounts and pairs are NOT_FOUND.
/// </summary>
public sealed class ScoreGrpcService(ApiKeyAuthenticator auth, ScoringGrainFactory grains, TenantModels models, ScoringLimits limits, TimeProvider clock)
{
    /// <summary>Default number of top relationships.</summary>
    public const int DefaultTopLimit = 15;

    /// <summary>Default number of open expectations listed.</summary>
    public const int DefaultListLimit = 50;

    /// <summary>The service definition.</summary>
    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.ScoreService, ScoresReflection.Descriptor.Services[0])
            .AddUnaryMethod(ScoreWireMethods.GetAccountScore, GetAccountScore)
            .AddUnaryMethod(ScoreWireMethods.GetRelationship, GetRelationship)
            .AddUnaryMethod(ScoreWireMethods.BatchGetRelationships, BatchGetRelationships)
            .AddUnaryMethod(ScoreWireMethods.GetTopRelationships, GetTopRelationships)
            .AddUnaryMethod(ScoreWireMethods.GetResponsiveness, GetResponsiveness)
            .AddUnaryMethod(ScoreWireMethods.ListOpenExpectations, ListOpenExpectations)
            .Build();

    /// <summary>
    /// GetAccountScore: the request is read field by field (<see cref="AccountRequest"/>), the score
    /// computed in the account's turn by a pooled query (<see cref="AccountScoreQuery"/>), and the response
    /// written field by field from a pooled reply (<see cref="AccountScoreReply"/>), with no message object
    /// per count.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<AccountScoreReply> GetAccountScore(AccountRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var utf8 = RequestValidation.AccountId(request, request.AccountId, model.MaxIdBytes);
            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            var query = grains.PrepareScoreQuery(AccountOf(request, request.AccountId, utf8, tenant, out var id), asOf);
            var found = await query.RunAsync().ConfigureAwait(false);
            var score = query.Score;
            query.Release();
            return found ? AccountScoreReply.Rent(score.GetValueOrDefault()) : throw AccountNotFound(id);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// GetRelationship: the request is read field by field (<see cref="RelationshipRequest"/>) and the
    /// response written field by field (<see cref="RelationshipReply"/>); a call that finds its pair at
    /// once allocates nothing of its own.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RelationshipReply> GetRelationship(RelationshipRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var utf8 = RequestValidation.Pair(request, model.MaxIdBytes);
            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            var query = PrepareQuery(request, utf8, tenant, out var a, out var b);
            return query is not null && await query.RunAsync().ConfigureAwait(false)
                ? ReplyOf(query, model, a, b, asOf)
                : throw NotFound(query, a, b);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// BatchGetRelationships: the request is read field by field (<see cref="BatchRelationshipsRequest"/>),
    /// each pair validated and looked up as GetRelationship looks one up (the lookups run together),
    /// and the response written field by field (<see cref="BatchRelationshipsReply"/>) from the pairs'
    /// pooled replies. Pairs of accounts the directory knows make no string.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<BatchRelationshipsReply> BatchGetRelationships(BatchRelationshipsRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var count = request.Count;
            if (count > limits.MaxBatchGetPairs)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"pairs: {count} pairs asked; the limit is {limits.MaxBatchGetPairs}."));
            }

            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            var items = ArrayPool<BatchItem>.Shared.Rent(count);
            var reply = BatchRelationshipsReply.Rent(count);
            try
            {
                // Every valid pair's lookup is started before any is awaited, so they run together.
                for (var i = 0; i < count; i++)
                {
                    items[i] = StartPair(request, i, tenant, model, asOf);
                }

                for (var i = 0; i < count; i++)
                {
                    if (items[i].Problem is { } problem)
                    {
                        reply.AddError(request, i, (int)StatusCode.InvalidArgument, $"pairs[{i}]", $"pairs[{i}].{problem}");
                    }
                    else if (await items[i].Lookup.ConfigureAwait(false) is { } relationship)
                    {
                        reply.AddRelationship(request, i, relationship);
                    }
                    else
                    {
                        reply.AddError(request, i, (int)StatusCode.NotFound, $"pairs[{i}]", "the accounts never interacted");
                    }
                }
            }
            catch
            {
                reply.Release();
                throw;
            }
            finally
            {
                Array.Clear(items, 0, count);
                ArrayPool<BatchItem>.Shared.Return(items);
            }

            return reply;
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// GetTopRelationships: the request is read field by field (<see cref="TopRelationshipsRequest"/>),
    /// the listing copied in the account's turn into a pooled query (<see cref="TopRelationshipsQuery"/>),
    /// and the response written field by field (<see cref="TopRelationshipsReply"/>); a call for an
    /// account the directory knows allocates nothing of its own.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TopRelationshipsReply> GetTopRelationships(TopRelationshipsRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var utf8 = RequestValidation.AccountId(request, request.AccountId, model.MaxIdBytes);
            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            var direction = (Direction)request.Direction;
            if (!Enum.IsDefined(direction))
            {
                throw RequestValidation.Invalid("direction", $"{request.Direction} is not a known direction");
            }

            var minimumTier = (V1.Tier)request.MinimumTier;
            if (!Enum.IsDefined(minimumTier))
            {
                throw RequestValidation.Invalid("minimum_tier", $"{request.MinimumTier} is not a known tier");
            }

            if (request.Limit > model.TopRelationshipsCapacity)
            {
                throw RequestValidation.Invalid("limit", $"must be at most {model.TopRelationshipsCapacity}, the number of relationships tracked per account");
            }

            var limit = request.Limit == 0 ? Math.Min(DefaultTopLimit, model.TopRelationshipsCapacity) : (int)request.Limit;
            var list = direction switch
            {
                Direction.Inbound => RankingLists.ByInbound,
                Direction.Outbound => RankingLists.ByOutbound,
                _ => RankingLists.ByStrength,
            };
            var query = grains.PrepareTopQuery(AccountOf(request, request.AccountId, utf8, tenant, out var id), list, limit);
            if (!await query.RunAsync().ConfigureAwait(false))
            {
                query.Release();
                throw AccountNotFound(id);
            }

            var reply = TopRelationshipsReply.Rent(id, direction == Direction.Unspecified ? Direction.Both : direction, model.RelationshipHalfLifeMs, asOf, query.Entries.Length);
            foreach (ref readonly var entry in query.Entries)
            {
                var value = ForwardDecay.KeyToValue(entry.Key, asOf, model.RelationshipHalfLifeMs);
                var tier = ScoreMapping.ToProto(Tiers.FromRank(entry.Rank, value, model));
                if (minimumTier == V1.Tier.Unspecified || tier <= minimumTier)
                {
                    reply.Add(grains.AccountIdOf(entry.Other), (uint)entry.Rank, tier, value);
                }
            }

            query.Release();
            return reply;
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// GetResponsiveness: the request is read field by field (<see cref="AccountRequest"/>: the same fields
    /// as GetAccountScore's), the responsiveness alone computed in the account's turn by a pooled query
    /// (<see cref="ResponsivenessQuery"/>), and the response written field by field (<see cref="ResponsivenessReply"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ResponsivenessReply> GetResponsiveness(AccountRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var utf8 = RequestValidation.AccountId(request, request.AccountId, model.MaxIdBytes);
            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            var query = grains.PrepareResponsivenessQuery(AccountOf(request, request.AccountId, utf8, tenant, out var id), asOf, 0);
            var found = await query.RunAsync().ConfigureAwait(false);
            var responsiveness = query.Responsiveness;
            query.Release();
            return found ? ResponsivenessReply.Rent(id, responsiveness.GetValueOrDefault(), asOf) : throw AccountNotFound(id);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// ListOpenExpectations: the request is read field by field (<see cref="OpenExpectationsRequest"/>), the
    /// oldest open expectations listed in the account's turn by a pooled query (<see cref="ResponsivenessQuery"/>),
    /// and the response written field by field (<see cref="OpenExpectationsReply"/>), with no message object
    /// per expectation.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<OpenExpectationsReply> ListOpenExpectations(OpenExpectationsRequest request, ServerCallContext context)
    {
        try
        {
            var (tenant, model) = Authenticate(context);
            var utf8 = RequestValidation.AccountId(request, request.AccountId, model.MaxIdBytes);
            var asOf = RequestValidation.AsOf(request.HasAsOf, request.AsOf, clock);
            if (request.Limit > limits.MaxListLimit)
            {
                throw RequestValidation.Invalid("limit", $"must be at most {limits.MaxListLimit}");
            }

            var limit = request.Limit == 0 ? DefaultListLimit : (int)request.Limit;
            var query = grains.PrepareResponsivenessQuery(AccountOf(request, request.AccountId, utf8, tenant, out var id), asOf, limit);
            var found = await query.RunAsync().ConfigureAwait(false);
            var responsiveness = query.Responsiveness;
            query.Release();
            return found ? OpenExpectationsReply.Rent(id, responsiveness.GetValueOrDefault(), asOf) : throw AccountNotFound(id);
        }
        finally
        {
            request.Release();
        }
    }

    /// <summary>
    /// Checks a batch's pair and starts its lookup: the pair's problem ("account_b: must differ from
    /// account_a"), or its lookup. Ids are judged and looked up by their UTF-8 bytes, as GetRelationship's
    /// are; ids that are not UTF-8 take the string path, read with each bad sequence replaced.
    /// </summary>
    private BatchItem StartPair(BatchRelationshipsRequest request, int index, string tenant, ScoringModel model, long asOf)
    {
        var a = request.AccountA(index);
        var b = request.AccountB(index);
        if (RequestValidation.PairProblem(request, a, b, model.MaxIdBytes, out var utf8) is { } problem)
        {
            return new BatchItem(default, $"{problem.Subfield}: {problem.Reason}");
        }

        if (!utf8)
        {
            var first = request.String(a);
            var second = request.String(b);
            return new BatchItem(LookUpAsync(grains.PrepareRelationshipQuery(tenant, first, second), model, first, second, asOf), null);
        }

        var query = grains.PrepareRelationshipQuery(tenant, request.Utf8(a), request.Utf8(b), out var firstId, out var secondId);
        return new BatchItem(LookUpAsync(query, model, firstId, secondId, asOf), null);
    }

    /// <summary>The reply of a pair's query (rented: the caller gives it back), or null when the pair does not exist.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<RelationshipReply?> LookUpAsync(RelationshipQuery? query, ScoringModel model, string a, string b, long asOf)
    {
        if (query is null || !await query.RunAsync().ConfigureAwait(false))
        {
            query?.Release();
            return null;
        }

        return ReplyOf(query, model, a, b, asOf);
    }

    /// <summary>The reply of a query that found its pair (rented); gives the query back.</summary>
    private static RelationshipReply ReplyOf(RelationshipQuery query, ScoringModel model, string a, string b, long asOf)
    {
        var reply = RelationshipReply.Rent(query.Record, query.FirstIsA, a, b, query.RankForFirst, query.RankForSecond, asOf, model);
        query.Release();
        return reply;
    }

    /// <summary>NOT_FOUND for a pair that never interacted; gives the query back, if there was one.</summary>
    private static RpcException NotFound(RelationshipQuery? query, string a, string b)
    {
        query?.Release();
        return RequestValidation.NotFound($"accounts '{a}' and '{b}' never interacted");
    }

    private (string Tenant, ScoringModel Model) Authenticate(ServerCallContext context)
    {
        var tenant = auth.Authenticate(context);
        return (tenant, models.For(tenant));
    }

    /// <summary>The grain of a validated request's account; the id comes back as the answer names it.</summary>
    private GrainId AccountOf(PooledWireRequest request, WireString field, bool utf8, string tenant, out string id)
    {
        if (!utf8)
        {
            return grains.AccountOf(tenant, request.String(field), out id);
        }

        return grains.AccountOf(tenant, request.Utf8(field), out id);
    }

    /// <summary>The query of a validated GetRelationship request's pair; the ids come back as the answer names them.</summary>
    private RelationshipQuery? PrepareQuery(RelationshipRequest request, bool utf8, string tenant, out string a, out string b)
    {
        if (!utf8)
        {
            a = request.String(request.AccountA);
            b = request.String(request.AccountB);
            return grains.PrepareRelationshipQuery(tenant, a, b);
        }

        return grains.PrepareRelationshipQuery(tenant, request.Utf8(request.AccountA), request.Utf8(request.AccountB), out a, out b);
    }

    /// <summary>A batch's pair: its lookup, or why it was refused.</summary>
    private readonly record struct BatchItem(ValueTask<RelationshipReply?> Lookup, string? Problem);

    private static RpcException AccountNotFound(string id) => RequestValidation.NotFound($"no interaction involves account '{id}'");
}
