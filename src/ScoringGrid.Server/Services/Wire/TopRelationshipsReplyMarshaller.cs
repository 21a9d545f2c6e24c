using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Writes a <see cref="TopRelationshipsReply"/> as the scoringgrid.v1.TopRelationshipsResponse it stands
/// for. The server only writes responses; reading one back is the client's job, with the generated message.
/// </summary>
public sealed class TopRelationshipsReplyMarshaller : Marshaller<TopRelationshipsReply>
{
    /// <inheritdoc />
    public override int GetSize(TopRelationshipsReply message) => message.Size();

    /// <inheritdoc />
    public override void Serialize(TopRelationshipsReply message, Span<byte> destination) => message.Write(destination);

    /// <inheritdoc />
    public override void Release(TopRelationshipsReply message) => message.Release();

    /// <inheritdoc />
    public override TopRelationshipsReply Deserialize(in ReadOnlySequence<byte> payload) =>
        throw new NotSupportedException("A top relationships response is read with the generated scoringgrid.v1.TopRelationshipsResponse.");
}
