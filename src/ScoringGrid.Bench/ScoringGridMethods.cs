using Google.Protobuf;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Bench;

/// <summary>The scoringgrid.v1 methods the load generator calls.</summary>
internal static class ScoringGridMethods
{
    public static readonly Method<IngestRequest, IngestResponse> IngestStream = new(
        MethodType.DuplexStreaming, "scoringgrid.v1.IngestService", "IngestStream", Marshallers.Protobuf(IngestRequest.Parser), Marshallers.Protobuf(IngestResponse.Parser));

    public static readonly Method<GetRelationshipRequest, RelationshipScore> GetRelationship = Unary("GetRelationship", GetRelationshipRequest.Parser, RelationshipScore.Parser);

    public static readonly Method<GetAccountScoreRequest, AccountScore> GetAccountScore = Unary("GetAccountScore", GetAccountScoreRequest.Parser, AccountScore.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, "scoringgrid.v1.ScoreService", name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
