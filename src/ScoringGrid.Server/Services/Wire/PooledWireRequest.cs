using System.Buffers;
using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A request read field by field from its bytes instead of into the generated message, kept in a pool:
/// the marshaller rents one per call (<see cref="Read"/>) and the handler gives it back with
/// <see cref="Release"/> once it has read it (nothing may read it afterwards). String fields stay UTF-8
/// bytes until asked for as text. Fields are read as the protobuf runtime reads them: the last value of a
/// field wins, and unknown fields (or known ones with another wire type) are skipped.
/// </summary>
public abstract class PooledWireRequest
{
    private RequestPayload _payload;
    private int _rented; // 1 while rented from the pool

    /// <summary>Creates a request whose kept buffer starts at <paramref name="initialBuffer"/> bytes and grows up to <paramref name="maxKeptBuffer"/>.</summary>
    private protected PooledWireRequest(int initialBuffer, int maxKeptBuffer) => _payload = new RequestPayload(initialBuffer, maxKeptBuffer);

    /// <summary>The UTF-8 bytes of a string field.</summary>
    public ReadOnlySpan<byte> Utf8(WireString field) => _payload.Bytes(field);

    /// <summary>A string field as text, invalid UTF-8 replaced as the protobuf runtime replaces it.</summary>
    public string String(WireString field) => _payload.String(field);

    /// <summary>
    /// Gives the request back to the pool; nothing may read it afterwards. Does nothing once given
    /// back, so a request is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _payload.Drop();
            ReturnToPool();
        }
    }

    /// <summary>
    /// Marks a request just taken from its pool as rented and reads its fields from the bytes; a
    /// request that cannot be read is given back and <see cref="FormatException"/> thrown.
    /// </summary>
    private protected static T Read<T>(T request, in ReadOnlySequence<byte> payload)
        where T : PooledWireRequest
    {
        request._rented = 1;
        try
        {
            request.ReadFields(request._payload.CopyFrom(payload));
        }
        catch
        {
            request.Release();
            throw;
        }

        return request;
    }

    /// <summary>The bytes of an embedded message field, to read its fields.</summary>
    private protected ReadOnlySpan<byte> Bytes(WireString field) => _payload.Bytes(field);

    /// <summary>Resets every field, then reads them from the message's bytes (a copy the request keeps).</summary>
    private protected abstract void ReadFields(ReadOnlySpan<byte> message);

    /// <summary>Puts the request back into its type's pool.</summary>
    private protected abstract void ReturnToPool();
}
