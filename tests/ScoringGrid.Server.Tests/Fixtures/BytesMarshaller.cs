using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Tests.Fixtures;

/// <summary>Sends and receives messages as raw bytes: requests the generated types cannot produce.</summary>
internal sealed class BytesMarshaller : Marshaller<byte[]>
{
    public override int GetSize(byte[] message) => message.Length;

    public override void Serialize(byte[] message, Span<byte> destination) => message.CopyTo(destination);

    public override byte[] Deserialize(in ReadOnlySequence<byte> payload) => payload.ToArray();

    /// <summary>The same method, its request sent as the bytes given.</summary>
    public static Method<byte[], TResponse> RawRequests<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
        new(method.Type, method.ServiceName, method.Name, new BytesMarshaller(), method.ResponseMarshaller);
}
