using System.Buffers;
using System.Text;
using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A pooled request's copy of its message bytes: one buffer kept from call to call (grown once up to
/// <see cref="MaxKeptBuffer"/> bytes), and a buffer of its own for a larger payload, dropped when the
/// request is given back. Fields are read from it by position (<see cref="WireString"/>).
/// </summary>
internal struct RequestPayload
{
    /// <summary>Largest payload whose buffer a pooled request keeps.</summary>
    public const int MaxKeptBuffer = 2048;

    private byte[] _kept;
    private byte[] _bytes;

    /// <summary>An empty payload with a kept buffer of <paramref name="initialBuffer"/> bytes.</summary>
    public RequestPayload(int initialBuffer)
    {
        _kept = new byte[initialBuffer];
        _bytes = _kept;
    }

    /// <summary>Copies a message's bytes in; the copy, to read the fields from.</summary>
    public ReadOnlySpan<byte> CopyFrom(in ReadOnlySequence<byte> payload)
    {
        var length = checked((int)payload.Length);
        _bytes = length <= _kept.Length ? _kept
            : length <= MaxKeptBuffer ? (_kept = new byte[MaxKeptBuffer])
            : new byte[length];
        payload.CopyTo(_bytes);
        return _bytes.AsSpan(0, length);
    }

    /// <summary>The bytes of a length-delimited field: a string's UTF-8, an embedded message's fields.</summary>
    public readonly ReadOnlySpan<byte> Bytes(WireString field) => _bytes.AsSpan(field.Offset, field.Length);

    /// <summary>A string field as text, invalid UTF-8 replaced as the protobuf runtime replaces it.</summary>
    public readonly string String(WireString field) => field.Length == 0 ? "" : Encoding.UTF8.GetString(Bytes(field));

    /// <summary>Drops a buffer of the payload's own (kept buffers stay).</summary>
    public void Drop() => _bytes = _kept;
}
