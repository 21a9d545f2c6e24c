using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>Marshals an IngestRequest as its wire form: the bytes are its encoding.</summary>
public sealed class IngestWireMarshaller : Marshaller<IngestWireRequest>
{
    /// <inheritdoc />
    public override int GetSize(IngestWireRequest message) => message.Length;

    /// <inheritdoc />
    public override void Serialize(IngestWireRequest message, Span<byte> destination) => message.Payload.CopyTo(destination);

    /// <inheritdoc />
    public override IngestWireRequest Deserialize(in ReadOnlySequence<byte> payload) => IngestWireRequest.Parse(payload);
}
