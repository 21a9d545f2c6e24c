using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Relationship grains are compact grains: one <see cref="RelationshipRecord"/> per pair in its
/// partition's table, keyed by the accounts' handles, packed (<see cref="PackedRelationship"/>: a
/// slot of 108 bytes, no object; a pair with a per-kind count above 255 is kept whole beside the table).
/// This type names them for storage (<see cref="GrainKeys.Relationship"/>: tenant and the two ids),
/// places them, and stores them in the record's compact binary form
/// (<see cref="RelationshipRecord.Encode"/>, about 100 bytes) with A the ordinal-smaller id.
/// </summary>
public sealed class RelationshipGrainType(AccountDirectory directory) : CompactGrainType<RelationshipKey, RelationshipRecord, PackedRelationship>
{
    /// <summary>The name relationship records are stored under.</summary>
    public const string Name = "RelationshipGrainState";

    /// <inheritdoc />
    public override string StateName => Name;

    /// <inheritdoc />
    public override RelationshipRecord EmptyState => RelationshipRecord.Empty;

    /// <summary>The directory naming the handles.</summary>
    public AccountDirectory Directory => directory;

    /// <inheritdoc />
    public override GrainId GrainIdOf(in RelationshipKey key)
    {
        ref readonly var lo = ref directory[key.Lo];
        return GrainKeys.Relationship(lo.Tenant.Tenant, lo.Id, directory.IdOf(key.Hi));
    }

    /// <inheritdoc />
    public override ulong StableHashOf(in RelationshipKey key)
    {
        ref readonly var lo = ref directory[key.Lo];
        return GrainKeys.RelationshipStableHash(lo.Tenant.KeyPrefix, lo.Id, directory.IdOf(key.Hi));
    }

    /// <inheritdoc />
    public override ulong PlacementHash(in RelationshipKey key) =>
        PlacementOf(directory[key.Lo].GrainId.StableHash, directory[key.Hi].GrainId.StableHash);

    /// <summary>The placement of the pair of two accounts (symmetric in its arguments).</summary>
    public static ulong PlacementOf(ulong accountHash, ulong otherHash)
    {
        var (x, y) = accountHash <= otherHash ? (accountHash, otherHash) : (otherHash, accountHash);
        ulong h = (x ^ (y * 0x9E3779B97F4A7C15UL)) * 0xC2B2AE3D27D4EB4FUL;
        return h ^ (h >> 29);
    }

    /// <inheritdoc />
    public override byte[] Serialize(in RelationshipKey key, in RelationshipRecord state)
    {
        var (_, _, record) = Ordinal(key, state);
        return record.Encode();
    }

    /// <inheritdoc />
    public override RelationshipRecord Deserialize(in RelationshipKey key, ReadOnlySpan<byte> data)
    {
        // Stored with A the ordinal-smaller id; in memory A is the smaller handle.
        var record = RelationshipRecord.Decode(data);
        return string.CompareOrdinal(directory.IdOf(key.Lo), directory.IdOf(key.Hi)) < 0 ? record : record.Swapped();
    }

    /// <summary>The record with A the ordinal-smaller id, and the two ids in that order.</summary>
    public (string A, string B, RelationshipRecord Record) Ordinal(in RelationshipKey key, in RelationshipRecord state)
    {
        string lo = directory.IdOf(key.Lo);
        string hi = directory.IdOf(key.Hi);
        return string.CompareOrdinal(lo, hi) < 0 ? (lo, hi, state) : (hi, lo, state.Swapped());
    }

    /// <inheritdoc />
    public override bool TryPack(in RelationshipRecord state, out PackedRelationship packed) => state.TryPack(out packed);

    /// <inheritdoc />
    public override void Unpack(in PackedRelationship packed, out RelationshipRecord state) => RelationshipRecord.Unpack(packed, out state);
}
