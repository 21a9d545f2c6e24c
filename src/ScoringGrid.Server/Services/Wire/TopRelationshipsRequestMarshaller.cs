using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Reads a scoringgrid.v1.GetTopRelationshipsRequest into a <see cref="TopRelationshipsRequest"/>. The
/// server only reads requests; writing one is the client's job, with the generated message.
/// </summary>
public sealed class TopRelationshipsRequestMarshaller : Marshaller<TopRelationshipsRequest>
{
    /// <inheritdoc />
    public override TopRelationshipsRequest Deserialize(in ReadOnlySequence<byte> payload) => TopRelationshipsRequest.Parse(payload);

    /// <inheritdoc />
    public override int GetSize(TopRelationshipsRequest message) =>
        throw new NotSupportedException("A top relationships request is written with the generated scoringgrid.v1.GetTopRelationshipsRequest.");

    /// <inheritdoc />
    public override void Serialize(TopRelationshipsRequest message, Span<byte> destination) =>
        throw new NotSupportedException("A top relationships request is written with the generated scoringgrid.v1.GetTopRelationshipsRequest.");
}
