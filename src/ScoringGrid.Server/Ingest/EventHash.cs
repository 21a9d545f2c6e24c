namespace ScoringGrid.Server.Ingest;

/// <summary>
/// An event id's 128-bit hash (<see cref="EventHashes"/>) as two 64-bit halves, for structs held by
/// the million: a <see cref="UInt128"/> field would align its struct to 16 bytes and pad, for example,
/// a hash and one 64-bit value to 32 bytes instead of 24.
/// </summary>
internal readonly struct EventHash(UInt128 value)
{
    private readonly ulong _high = (ulong)(value >> 64);
    private readonly ulong _low = (ulong)value;

    /// <summary>The hash.</summary>
    public UInt128 Value => new(_high, _low);
}
