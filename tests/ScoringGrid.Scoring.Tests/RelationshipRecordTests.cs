namespace ScoringGrid.Scoring.Tests;

/// <summary>The relationship record on its own: either orientation gives the same relationship.</summary>
public class RelationshipRecordTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void A_record_built_the_other_way_round_and_swapped_is_the_same_record()
    {
        var ab = RelationshipRecord.Empty; // A = ann, B = bob
        var ba = RelationshipRecord.Empty; // A = bob, B = ann
        var kinds = new[] { InteractionKind.Like, InteractionKind.Follow, InteractionKind.Comment, InteractionKind.Unfollow, InteractionKind.DirectMessage, InteractionKind.Share };
        for (int i = 0; i < 40; i++)
        {
            bool annActs = i % 3 != 0;
            var kind = kinds[i % kinds.Length];
            long t = Ev.Base + i * Ev.Hours(5);
            double? sentiment = i % 4 == 0 ? 0.25 * (i % 5) - 0.5 : null;
            ab.Apply(fromB: !annActs, kind, t, sentiment, Model);
            ba.Apply(fromB: annActs, kind, t, sentiment, Model);
        }

        long asOf = Ev.Base + Ev.Days(10);
        RelationshipScore expected = ab.Score("ann", "bob", asOf, Model);
        RelationshipScore swapped = ba.Swapped().Score("ann", "bob", asOf, Model);
        ScoreAssert.Equal(expected, swapped);
        Assert.Equal(ab.StrengthKey, ba.StrengthKey);
        Assert.Equal(ab.AToBKey, ba.BToAKey);
        Assert.Equal(ab.BToAKey, ba.AToBKey);
        ScoreAssert.Equal(expected, ba.Swapped().Swapped().Swapped().Score("ann", "bob", asOf, Model));
        Assert.True(expected.AFollowsB || expected.BFollowsA || expected.CountsAToB[InteractionKind.Unfollow] > 0);
    }

    [Fact]
    public void The_state_class_answers_what_its_record_answers()
    {
        var state = new RelationshipState("bob", "ann");
        state.Apply(Ev.Of("bob", "ann", InteractionKind.Reply, Ev.Base), Model);
        state.Apply(Ev.Of("ann", "bob", InteractionKind.Like, Ev.Base + 1), Model);

        Assert.Equal("ann", state.A);
        RelationshipScore score = state.Score(Ev.Base + 2, Model);
        Assert.Equal(1, score.CountsAToB[InteractionKind.Like]);
        Assert.Equal(1, score.CountsBToA[InteractionKind.Reply]);
        ScoreAssert.Equal(score, state.Record.Score("ann", "bob", Ev.Base + 2, Model));
        Assert.True(RelationshipRecord.Empty.IsEmpty);
        Assert.False(state.Record.IsEmpty);
        Assert.Throws<ArgumentException>(() => RelationshipRecord.Empty.Apply(false, InteractionKind.Post, Ev.Base, null, Model));
    }
}

/// <summary>The stored form of a relationship record.</summary>
public class RelationshipRecordEncodingTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Fact]
    public void Encoding_round_trips_every_field_in_about_a_hundred_bytes()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 200; trial++)
        {
            var record = RelationshipRecord.Empty;
            int events = random.Next(0, 40);
            for (int i = 0; i < events; i++)
            {
                var kind = (InteractionKind)random.Next(1, 12);
                double? sentiment = random.Next(3) == 0 ? random.NextDouble() * 2 - 1 : null;
                long t = Ev.Base + random.Next(-1_000_000, 1_000_000) * 1000L;
                int repeat = random.Next(10) == 0 ? 300 : 1; // counts past one varint byte
                for (int r = 0; r < repeat; r++)
                {
                    record.Apply(random.Next(2) == 0, kind, t, sentiment, Model);
                }
            }

            byte[] data = record.Encode();
            RelationshipRecord decoded = RelationshipRecord.Decode(data);
            long asOf = Ev.Base + Ev.Days(5);
            ScoreAssert.Equal(record.Score("a", "b", asOf, Model), decoded.Score("a", "b", asOf, Model));
            Assert.Equal(record.StrengthKey, decoded.StrengthKey);
            Assert.Equal(record.IsEmpty, decoded.IsEmpty);
            Assert.Equal(data, decoded.Encode());
            Assert.InRange(data.Length, 1, 140);
        }
    }

    [Fact]
    public void Bytes_that_are_not_a_stored_record_are_refused_naming_the_problem()
    {
        byte[] good = RelationshipRecord.Empty.Encode();
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => RelationshipRecord.Decode([])).Message);
        var otherVersion = (byte[])good.Clone();
        otherVersion[0] = 9;
        Assert.Contains("format 9", Assert.Throws<InvalidDataException>(() => RelationshipRecord.Decode(otherVersion)).Message);
        Assert.Throws<InvalidDataException>(() => RelationshipRecord.Decode(good.AsSpan(0, good.Length - 1)));
        Assert.Throws<InvalidDataException>(() => RelationshipRecord.Decode([.. good, 0]));
    }
}
