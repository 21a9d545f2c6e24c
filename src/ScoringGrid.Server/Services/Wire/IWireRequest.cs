using System.Buffers;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>A request read field by field from its bytes (<see cref="WireRequestMarshaller{T}"/>).</summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IWireRequest<TSelf>
    where TSelf : IWireRequest<TSelf>
{
    /// <summary>Reads a request from its bytes; throws <see cref="FormatException"/> when they are not one.</summary>
    static abstract TSelf Parse(in ReadOnlySequence<byte> payload);
}
