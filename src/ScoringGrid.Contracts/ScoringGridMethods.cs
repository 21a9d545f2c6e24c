using Google.Protobuf;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Contracts;

/// <summary>The methods of the scoringgrid.v1 services, bound by hand as protoc's gRPC plugin would.</summary>
public static class ScoringGridMethods
{
    /// <summary>scoringgrid.v1.IngestService.</summary>
    public const string IngestService = "scoringgrid.v1.IngestService";

    /// <summary>scoringgrid.v1.AccountService.</summary>
    public const string AccountService = "scoringgrid.v1.AccountService";

    /// <summary>scoringgrid.v1.ScoreService.</summary>
    public const string ScoreService = "scoringgrid.v1.ScoreService";

    /// <summary>Ingest: one batch.</summary>
    public static readonly Method<IngestRequest, IngestResponse> Ingest = Unary(IngestService, "Ingest", IngestRequest.Parser, IngestResponse.Parser);

    /// <summary>IngestStream: batches in, acks out.</summary>
    public static readonly Method<IngestRequest, IngestResponse> IngestStream = new(
        MethodType.DuplexStreaming, IngestService, "IngestStream", Marshallers.Protobuf(IngestRequest.Parser), Marshallers.Protobuf(IngestResponse.Parser));

    /// <summary>UpsertAccount.</summary>
    public static readonly Method<UpsertAccountRequest, UpsertAccountResponse> UpsertAccount = Unary(AccountService, "UpsertAccount", UpsertAccountRequest.Parser, UpsertAccountResponse.Parser);

    /// <summary>GetAccount.</summary>
    public static readonly Method<GetAccountRequest, Account> GetAccount = Unary(AccountService, "GetAccount", GetAccountRequest.Parser, Account.Parser);

    /// <summary>GetAccountScore.</summary>
    public static readonly Method<GetAccountScoreRequest, AccountScore> GetAccountScore = Unary(ScoreService, "GetAccountScore", GetAccountScoreRequest.Parser, AccountScore.Parser);

    /// <summary>GetRelationship.</summary>
    public static readonly Method<GetRelationshipRequest, RelationshipScore> GetRelationship = Unary(ScoreService, "GetRelationship", GetRelationshipRequest.Parser, RelationshipScore.Parser);

    /// <summary>BatchGetRelationships.</summary>
    public static readonly Method<BatchGetRelationshipsRequest, BatchGetRelationshipsResponse> BatchGetRelationships =
        Unary(ScoreService, "BatchGetRelationships", BatchGetRelationshipsRequest.Parser, BatchGetRelationshipsResponse.Parser);

    /// <summary>GetTopRelationships.</summary>
    public static readonly Method<GetTopRelationshipsRequest, TopRelationshipsResponse> GetTopRelationships =
        Unary(ScoreService, "GetTopRelationships", GetTopRelationshipsRequest.Parser, TopRelationshipsResponse.Parser);

    /// <summary>GetResponsiveness.</summary>
    public static readonly Method<GetResponsivenessRequest, ResponsivenessResponse> GetResponsiveness =
        Unary(ScoreService, "GetResponsiveness", GetResponsivenessRequest.Parser, ResponsivenessResponse.Parser);

    /// <summary>ListOpenExpectations.</summary>
    public static readonly Method<ListOpenExpectationsRequest, ListOpenExpectationsResponse> ListOpenExpectations =
        Unary(ScoreService, "ListOpenExpectations", ListOpenExpectationsRequest.Parser, ListOpenExpectationsResponse.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, service, name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
