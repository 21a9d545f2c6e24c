using System.Buffers;
using System.Text;

namespace ScoringGrid.Rpc.Tests.Fixtures;

/// <summary>Messages that are plain UTF-8 text: methods a test defines without a protobuf type.</summary>
public class Utf8Marshaller : Marshaller<string>
{
    public override int GetSize(string message) => Encoding.UTF8.GetByteCount(message);

    public override void Serialize(string message, Span<byte> destination) => Encoding.UTF8.GetBytes(message, destination);

    public override string Deserialize(in ReadOnlySequence<byte> payload) => Encoding.UTF8.GetString(payload);
}
