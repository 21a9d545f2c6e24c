using ScoringGrid.Contracts;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The server's side of the scoringgrid.v1.ScoreService methods read and written field by field: the
/// same methods as <see cref="ScoringGridMethods.GetRelationship"/> and
/// <see cref="ScoringGridMethods.GetTopRelationships"/>, their requests read in place (no message, no
/// string per id) and their answers written from pooled replies (no object per count or per
/// relationship) instead of the generated messages.
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

    /// <summary>GetTopRelationships.</summary>
    public static readonly Method<TopRelationshipsRequest, TopRelationshipsReply> GetTopRelationships = new(
        ScoringGridMethods.GetTopRelationships.Type,
        ScoringGridMethods.GetTopRelationships.ServiceName,
        ScoringGridMethods.GetTopRelationships.Name,
        new TopRelationshipsRequestMarshaller(),
        new TopRelationshipsReplyMarshaller());
}
