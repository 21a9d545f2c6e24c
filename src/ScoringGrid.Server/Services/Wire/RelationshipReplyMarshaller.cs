using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Writes a <see cref="RelationshipReply"/> as the scoringgrid.v1.RelationshipScore it stands for.
/// The server only writes responses; reading one back is the client's job, with the generated message.
/// </summary>
public sealed class RelationshipReplyMarshaller : Marshaller<RelationshipReply>
{
    /// <inheritdoc />
    public override int GetSize(RelationshipReply message) => message.Size();

    /// <inheritdoc />
    public override void Serialize(RelationshipReply message, Span<byte> destination) => message.Write(destination);

    /// <inheritdoc />
    public override void Release(RelationshipReply message) => message.Release();

    /// <inheritdoc />
    public override RelationshipReply Deserialize(in ReadOnlySequence<byte> payload) =>
        throw new NotSupportedException("A relationship response is read with the generated scoringgrid.v1.RelationshipScore.");
}
