using System.Buffers;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// Reads a request field by field (<see cref="IWireRequest{TSelf}"/>). The server only reads requests;
/// writing one is the client's job, with the generated message.
/// </summary>
/// <typeparam name="T">The request type.</typeparam>
/// <param name="message">The full name of the message the request stands for, for the error of a write.</param>
public sealed class WireRequestMarshaller<T>(string message) : Marshaller<T>
    where T : class, IWireRequest<T>
{
    /// <inheritdoc />
    public override T Deserialize(in ReadOnlySequence<byte> payload) => T.Parse(payload);

    /// <inheritdoc />
    public override int GetSize(T message) => throw WrittenByTheClient();

    /// <inheritdoc />
    public override void Serialize(T message, Span<byte> destination) => throw WrittenByTheClient();

    private NotSupportedException WrittenByTheClient() =>
        new($"A {message} is written with the generated message, not the server's request.");
}
