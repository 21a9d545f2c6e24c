using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// The packed form tables keep relationships in: it loses nothing, and it refuses exactly the records
/// whose values it cannot hold.
/// </summary>
public class RelationshipPackingTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Packing_after_every_event_gives_the_record_never_packed()
    {
        Generators.Run(Generators.Scenarios(4, 60), scenario =>
        {
            Interaction[] events = Generators.Build(scenario, 4);
            var plain = RelationshipRecord.Empty;
            var repacked = RelationshipRecord.Empty;
            foreach (var e in events)
            {
                if (!InteractionKinds.IsDirected(e.Kind))
                {
                    continue;
                }

                bool fromB = string.CompareOrdinal(e.Actor, e.Target) > 0;
                plain.Apply(fromB, e.Kind, e.OccurredAtMs, e.Sentiment, Model);
                repacked.Apply(fromB, e.Kind, e.OccurredAtMs, e.Sentiment, Model);
                Assert.True(repacked.TryPack(out var packed));
                RelationshipRecord.Unpack(packed, out repacked);
                Assert.Equal(plain.Encode(), repacked.Encode());
            }

            Assert.Equal(plain.StrengthKey, repacked.StrengthKey);
            return true;
        });
    }

    [Fact]
    public void A_count_packs_up_to_255_and_one_more_keeps_the_record_whole()
    {
        var record = RelationshipRecord.Empty;
        for (int i = 0; i < byte.MaxValue; i++)
        {
            record.Apply(fromB: true, InteractionKind.View, Ev.Base + i, null, Model);
        }

        Assert.True(record.TryPack(out var packed));
        RelationshipRecord.Unpack(packed, out var unpacked);
        Assert.Equal(byte.MaxValue, unpacked.CountOf(fromB: true, InteractionKind.View));
        Assert.Equal(record.Encode(), unpacked.Encode());

        record.Apply(fromB: true, InteractionKind.View, Ev.Base, null, Model);
        Assert.False(record.TryPack(out _));
        Assert.Equal(byte.MaxValue + 1u, record.CountOf(fromB: true, InteractionKind.View));
    }

    [Fact]
    public void Every_count_of_either_direction_packs_on_its_own_up_to_255()
    {
        // The counts move through vectors that overlap; each of the 22 must be narrowed, checked and widened
        // in its own place, whatever its neighbours hold.
        var random = new Random(5);
        foreach (var fromB in new[] { false, true })
        {
            for (int kind = 1; kind <= PairCounts.PerDirection; kind++)
            {
                foreach (var value in new[] { 1L, 254L, 255L, 256L, 65_536L, 1L << 31 })
                {
                    var snapshot = RelationshipRecord.Empty.Save("a", "b");
                    snapshot.CountsAToB = RandomCounts(random);
                    snapshot.CountsBToA = RandomCounts(random);
                    (fromB ? snapshot.CountsBToA : snapshot.CountsAToB)[kind] = value;
                    snapshot.FirstInteractionMs = 1_000;
                    snapshot.LastInteractionMs = 2_000;
                    var unpacked = AssertPacking(RelationshipRecord.Load(snapshot), packs: value <= byte.MaxValue);
                    if (value <= byte.MaxValue)
                    {
                        Assert.Equal(value, unpacked.CountOf(fromB, (InteractionKind)kind));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(65_535, true)]
    [InlineData(65_536, false)]
    public void A_sentiment_count_packs_up_to_65535(int count, bool packs)
    {
        var snapshot = RelationshipRecord.Empty.Save("a", "b");
        snapshot.SentimentCountBToA = count;
        snapshot.SentimentSumBToA = 0.5 * count;
        var record = RelationshipRecord.Load(snapshot);

        AssertPacking(record, packs);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(0L, true)]
    [InlineData(-5L, true)]
    [InlineData(2_147_483_647L, true)]
    [InlineData(int.MinValue + 1L, true)]
    [InlineData(-2_147_483_648L, false)] // the packed form's "no epoch"
    [InlineData(int.MaxValue + 1L, false)]
    [InlineData(-(1L << 40), false)]
    public void A_decay_epoch_packs_within_32_bits(long? epoch, bool packs)
    {
        var snapshot = RelationshipRecord.Empty.Save("a", "b");
        snapshot.Epoch = epoch;
        snapshot.AToB = 1.5;
        snapshot.BToA = 0.25;
        var record = RelationshipRecord.Load(snapshot);

        var unpacked = AssertPacking(record, packs);
        if (packs)
        {
            Assert.Equal(epoch, unpacked.Save("a", "b").Epoch);
        }
    }

    [Theory]
    [InlineData(140_737_488_355_326L, true)] // 2^47 − 2: the largest time that packs
    [InlineData(140_737_488_355_327L, false)] // 2^47 − 1 stands for "no time" (long.MaxValue)
    [InlineData(-140_737_488_355_327L, true)] // −2^47 + 1: the smallest
    [InlineData(-140_737_488_355_328L, false)] // −2^47 stands for "no time" (long.MinValue)
    [InlineData(1_767_225_600_000L, true)]
    [InlineData(0L, true)]
    [InlineData(-1L, true)]
    [InlineData(long.MaxValue - 1, false)]
    public void A_time_packs_within_48_bits(long ms, bool packs)
    {
        foreach (var place in new[] { "first", "last", "a-follow", "b-follow" })
        {
            var snapshot = RelationshipRecord.Empty.Save("a", "b");
            snapshot.FirstInteractionMs = place == "first" ? ms : 1_000;
            snapshot.LastInteractionMs = place == "last" ? ms : 2_000;
            snapshot.AFollowEventMs = place == "a-follow" ? ms : null;
            snapshot.BFollowEventMs = place == "b-follow" ? ms : null;
            AssertPacking(RelationshipRecord.Load(snapshot), packs);
        }
    }

    [Fact]
    public void An_empty_record_packs_and_keeps_its_no_time_markers()
    {
        Assert.True(RelationshipRecord.Empty.TryPack(out var packed));
        RelationshipRecord.Unpack(packed, out var unpacked);
        Assert.True(unpacked.IsEmpty);
        Assert.Null(unpacked.FirstInteractionMs);
        Assert.Equal(RelationshipRecord.Empty.Encode(), unpacked.Encode());
    }

    [Fact]
    public void The_packed_form_takes_88_bytes()
    {
        // The point of the form: a table slot of 112 bytes instead of 200. A wider field added here shows.
        Assert.Equal(88, Unsafe.SizeOf<PackedRelationship>());
        Assert.True(Unsafe.SizeOf<PackedRelationship>() < Unsafe.SizeOf<RelationshipRecord>());
    }

    /// <summary>Whether the record packs as expected and, when it does, unpacks to the same bytes; the unpacked record.</summary>
    private static RelationshipRecord AssertPacking(RelationshipRecord record, bool packs)
    {
        Assert.Equal(packs, record.TryPack(out var packed));
        if (!packs)
        {
            return record;
        }

        RelationshipRecord.Unpack(packed, out var unpacked);
        Assert.Equal(record.Encode(), unpacked.Encode());
        return unpacked;
    }

    /// <summary>Counts of every kind a pair counts, from 0 to 255, as a snapshot holds them (index 0 unused).</summary>
    private static long[] RandomCounts(Random random)
    {
        var counts = new long[InteractionKinds.ArrayLength];
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            counts[k] = random.Next(0, 256);
        }

        return counts;
    }
}
