using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// The 128-bit hash an event is deduplicated by: XxHash128 of the event id's UTF-16 code units,
/// seeded by a 64-bit hash of the tenant, so equal ids of two tenants never collide by design and
/// the hash is the same in every process (it is stored by checkpoints).
/// </summary>
public static class EventHashes
{
    /// <summary>The seed of a tenant's event hashes.</summary>
    public static long TenantSeed(string tenant) => unchecked((long)XxHash64.HashToUInt64(MemoryMarshal.AsBytes(tenant.AsSpan())));

    /// <summary>The hash of an event id under a tenant's seed.</summary>
    public static UInt128 Of(long tenantSeed, string eventId) => Of(tenantSeed, eventId.AsSpan());

    /// <summary>The hash of an event id, given by its characters, under a tenant's seed.</summary>
    public static UInt128 Of(long tenantSeed, ReadOnlySpan<char> eventId) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(eventId), tenantSeed);
}
