using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The server's side of the scoringgrid.v1.ScoreService methods whose responses are written field by
/// field: the same method as <see cref="ScoringGridMethods.GetRelationship"/>, answering with a
/// <see cref="RelationshipReply"/> instead of the generated message (no object per count).
/// </summary>
public static class ScoreWireMethods
{
    /// <summary>GetRelationship.</summary>
    public static readonly Method<GetRelationshipRequest, RelationshipReply> GetRelationship = new(
        ScoringGridMethods.GetRelationship.Type,
        ScoringGridMethods.GetRelationship.ServiceName,
        ScoringGridMethods.GetRelationship.Name,
        ScoringGridMethods.GetRelationship.RequestMarshaller,
        new RelationshipReplyMarshaller());
}
