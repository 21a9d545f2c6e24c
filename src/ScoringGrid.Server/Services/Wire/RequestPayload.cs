using System.Buffers;
using System.Text;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A pooled request's copy of its message bytes: one buffer kept from call to call (grown, up to the
/// most its request type keeps, <see cref="MaxKeptBuffer"/> unless it says otherwise), and a buffer of
/// its own for a larger payload, dropped when the request is given back. Fields are read from it by position (<see cref="WireString"/>).
/// </summary>
internal struct RequestPayload
{
    /// <summary>Largest payload whose buffer a pooled request keeps, unless its type keeps more.</summary>
    public const int MaxKeptBuffer = 2048;

    private KeptArray<byte> _bytes;

    /// <summary>An empty payload with a kept buffer of <paramref name="initialBuffer"/> bytes, grown up to <paramref name="maxKept"/>.</summary>
    public RequestPayload(int initialBuffer, int maxKept) => _bytes = new KeptArray<byte>(initialBuffer, maxKept);

    /// <summary>Copies a message's bytes in; the copy, to read the fields from.</summary>
    public ReadOnlySpan<byte> CopyFrom(in ReadOnlySequence<byte> payload)
    {
        var length = checked((int)payload.Length);
        var bytes = _bytes.For(length);
        payload.CopyTo(bytes);
        return bytes.AsSpan(0, length);
    }

    /// <summary>The bytes of a length-delimited field: a string's UTF-8, an embedded message's fields.</summary>
    public readonly ReadOnlySpan<byte> Bytes(WireString field) => _bytes.Current.AsSpan(field.Offset, field.Length);

    /// <summary>A string field as text, invalid UTF-8 replaced as the protobuf runtime replaces it.</summary>
    public readonly string String(WireString field) => field.Length == 0 ? "" : Encoding.UTF8.GetString(Bytes(field));

    /// <summary>Drops a buffer of the payload's own (kept buffers stay).</summary>
    public void Drop() => _bytes.Drop();
}
