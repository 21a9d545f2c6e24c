namespace ScoringGrid.Server.Services.Wire;

/// <summary>A response written to the wire field by field (<see cref="WireReplyMarshaller{T}"/>), and given back once written.</summary>
public interface IWireReply
{
    /// <summary>The encoded size in bytes.</summary>
    int Size();

    /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes long.</summary>
    void Write(Span<byte> destination);

    /// <summary>Gives the reply back once written (to its pool, when it came from one).</summary>
    void Release();
}
