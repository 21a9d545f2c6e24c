using ScoringGrid.Contracts;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The server's side of the scoringgrid.v1.ScoreService methods, read and written field by field: the
/// same methods as those of <see cref="ScoringGridMethods"/>, their requests read in place (no message,
/// no string per id) and their answers written from pooled replies (no object per count, relationship
/// or expectation) instead of the generated messages.
/// </summary>
public static class ScoreWireMethods
{
    /// <summary>GetRelationship.</summary>
    public static readonly Method<RelationshipRequest, RelationshipReply> GetRelationship =
        Of<RelationshipRequest, RelationshipReply>(ScoringGridMethods.GetRelationship.Name, "scoringgrid.v1.GetRelationshipRequest", "scoringgrid.v1.RelationshipScore");

    /// <summary>GetTopRelationships.</summary>
    public static readonly Method<TopRelationshipsRequest, TopRelationshipsReply> GetTopRelationships =
        Of<TopRelationshipsRequest, TopRelationshipsReply>(ScoringGridMethods.GetTopRelationships.Name, "scoringgrid.v1.GetTopRelationshipsRequest", "scoringgrid.v1.TopRelationshipsResponse");

    /// <summary>GetAccountScore.</summary>
    public static readonly Method<AccountRequest, AccountScoreReply> GetAccountScore =
        Of<AccountRequest, AccountScoreReply>(ScoringGridMethods.GetAccountScore.Name, "scoringgrid.v1.GetAccountScoreRequest", "scoringgrid.v1.AccountScore");

    /// <summary>BatchGetRelationships.</summary>
    public static readonly Method<BatchRelationshipsRequest, BatchRelationshipsReply> BatchGetRelationships =
        Of<BatchRelationshipsRequest, BatchRelationshipsReply>(ScoringGridMethods.BatchGetRelationships.Name, "scoringgrid.v1.BatchGetRelationshipsRequest", "scoringgrid.v1.BatchGetRelationshipsResponse");

    /// <summary>GetResponsiveness (its request has GetAccountScoreRequest's fields, so <see cref="AccountRequest"/> reads it).</summary>
    public static readonly Method<AccountRequest, ResponsivenessReply> GetResponsiveness =
        Of<AccountRequest, ResponsivenessReply>(ScoringGridMethods.GetResponsiveness.Name, "scoringgrid.v1.GetResponsivenessRequest", "scoringgrid.v1.ResponsivenessResponse");

    /// <summary>ListOpenExpectations.</summary>
    public static readonly Method<OpenExpectationsRequest, OpenExpectationsReply> ListOpenExpectations =
        Of<OpenExpectationsRequest, OpenExpectationsReply>(ScoringGridMethods.ListOpenExpectations.Name, "scoringgrid.v1.ListOpenExpectationsRequest", "scoringgrid.v1.ListOpenExpectationsResponse");

    /// <summary>A unary method of the service, with the wire request and reply in place of the generated messages.</summary>
    private static Method<TRequest, TReply> Of<TRequest, TReply>(string name, string requestMessage, string replyMessage)
        where TRequest : class, IWireRequest<TRequest>
        where TReply : class, IWireReply =>
        new(MethodType.Unary, ScoringGridMethods.ScoreService, name, new WireRequestMarshaller<TRequest>(requestMessage), new WireReplyMarshaller<TReply>(replyMessage));
}
