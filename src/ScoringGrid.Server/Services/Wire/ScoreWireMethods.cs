using ScoringGrid.Contracts;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The server's side of the scoringgrid.v1.ScoreService methods read and written field by field: the
/// same method as <see cref="ScoringGridMethods.GetRelationship"/>, its request read into a
/// <see cref="RelationshipRequest"/> (no message, no string per id) and its answer a
/// <see cref="RelationshipReply"/> (no object per count) instead of the generated messages.
/// </summary>
public static class ScoreWireMethods
{
    /// <summary>GetRelationship.</summary>
    public static readonly Method<RelationshipRequest, RelationshipReply> GetRelationship = new(
        ScoringGridMethods.GetRelationship.Type,
        ScoringGridMethods.GetRelationship.ServiceName,
        ScoringGridMethods.GetRelationship.Name,
        new RelationshipRequestMarshaller(),
        new RelationshipReplyMarshaller());
}
