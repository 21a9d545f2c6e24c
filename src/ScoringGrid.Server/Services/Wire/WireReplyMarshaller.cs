using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Writes a reply (<see cref="IWireReply"/>) as the message it stands for, and gives it back once
/// written. The server only writes responses; reading one back is the client's job, with the generated message.
/// </summary>
/// <typeparam name="T">The reply type.</typeparam>
/// <param name="message">The full name of the message the reply stands for, for the error of a read.</param>
public sealed class WireReplyMarshaller<T>(string message) : Marshaller<T>
    where T : class, IWireReply
{
    /// <inheritdoc />
    public override int GetSize(T message) => message.Size();

    /// <inheritdoc />
    public override void Serialize(T message, Span<byte> destination) => message.Write(destination);

    /// <inheritdoc />
    public override void Release(T message) => message.Release();

    /// <inheritdoc />
    public override T Deserialize(in ReadOnlySequence<byte> payload) =>
        throw new NotSupportedException($"A {message} is read with the generated message, not the server's reply.");
}
