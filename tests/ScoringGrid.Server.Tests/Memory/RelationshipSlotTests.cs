using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Tests.Memory;

/// <summary>
/// A relationship's slot in its partition's table is most of what a relationship costs in memory; a field
/// added to the key, the packed record or the slot shows here before it shows in the memory benchmark.
/// </summary>
public sealed class RelationshipSlotTests
{
    [Fact]
    public void A_relationship_slot_takes_108_bytes()
    {
        // The pair's two handles (8), the packed record (88), the version with the slot's flags (8) and the
        // second of the last use (4).
        Assert.Equal(108, CompactGrainTable<RelationshipKey, RelationshipRecord, PackedRelationship>.SlotSize);
    }
}
