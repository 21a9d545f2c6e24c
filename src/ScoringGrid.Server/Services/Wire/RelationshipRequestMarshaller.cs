using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Reads a scoringgrid.v1.GetRelationshipRequest into a <see cref="RelationshipRequest"/>. The server
/// only reads requests; writing one is the client's job, with the generated message.
/// </summary>
public sealed class RelationshipRequestMarshaller : Marshaller<RelationshipRequest>
{
    /// <inheritdoc />
    public override RelationshipRequest Deserialize(in ReadOnlySequence<byte> payload) => RelationshipRequest.Parse(payload);

    /// <inheritdoc />
    public override int GetSize(RelationshipRequest message) =>
        throw new NotSupportedException("A relationship request is written with the generated scoringgrid.v1.GetRelationshipRequest.");

    /// <inheritdoc />
    public override void Serialize(RelationshipRequest message, Span<byte> destination) =>
        throw new NotSupportedException("A relationship request is written with the generated scoringgrid.v1.GetRelationshipRequest.");
}
