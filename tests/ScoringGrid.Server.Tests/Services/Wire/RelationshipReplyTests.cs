using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Services;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;
using RelationshipScore = ScoringGrid.V1.RelationshipScore;
using Tier = ScoringGrid.V1.Tier;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A GetRelationship response written field by field is the message the generated type writes, and
/// says what the scoring model says about the pair, in the order asked.
/// </summary>
public sealed class RelationshipReplyTests
{
    private const long Base = 1_700_000_000_000L;

    [Fact]
    public void Any_relationship_writes_the_bytes_of_the_generated_message() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var reply = RandomReply(seed, out _, out _);
            var expected = reply.ToMessage().ToByteArray();
            var written = new byte[reply.Size()];
            reply.Write(written);
            Assert.Equal(expected, written);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void Any_relationship_reads_back_as_the_scoring_model_scores_it_in_the_order_asked() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var reply = RandomReply(seed, out var score, out var model);
            var written = new byte[reply.Size()];
            reply.Write(written);
            var read = RelationshipScore.Parser.ParseFrom(written);

            var flipped = score.A != reply.First;
            Assert.Equal(reply.First, read.Pair.AccountA);
            Assert.Equal(reply.Second, read.Pair.AccountB);
            Assert.Equal(flipped ? score.BToA : score.AToB, read.AToB);
            Assert.Equal(flipped ? score.AToB : score.BToA, read.BToA);
            Assert.Equal(score.Reciprocity, read.Reciprocity);
            Assert.Equal(score.Strength, read.Strength);
            Assert.Equal(score.FirstInteractionMs ?? 0, read.FirstInteraction);
            Assert.Equal(score.LastInteractionMs ?? 0, read.LastInteraction);
            Assert.Equal(flipped ? score.BFollowsA : score.AFollowsB, read.AFollowsB);
            Assert.Equal(flipped ? score.AFollowsB : score.BFollowsA, read.BFollowsA);
            Assert.Equal(reply.RankForFirst, read.HasRankForA ? (int?)(int)read.RankForA : null);
            Assert.Equal(reply.RankForSecond, read.HasRankForB ? (int?)(int)read.RankForB : null);
            Assert.Equal(ScoreMapping.ToProto(Tiers.FromRank(reply.RankForFirst, score.Strength, model)), read.TierForA);
            Assert.Equal(ScoreMapping.ToProto(Tiers.FromRank(reply.RankForSecond, score.Strength, model)), read.TierForB);
            Assert.Equal(model.RelationshipHalfLifeMs, read.Parameters.HalfLifeMs);
            Assert.Equal(score.AsOfMs, read.Parameters.AsOf);
            AssertCounts(flipped ? score.CountsBToA : score.CountsAToB, model, read.AToBCounts);
            AssertCounts(flipped ? score.CountsAToB : score.CountsBToA, model, read.BToACounts);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void A_pair_that_never_interacted_writes_only_the_pair_tiers_and_parameters()
    {
        var model = ScoringModel.Default;
        var reply = new RelationshipReply(RelationshipRecord.Empty, firstIsA: true, "ann", "bob", null, null, Base, model);
        var written = new byte[reply.Size()];
        reply.Write(written);
        Assert.Equal(reply.ToMessage().ToByteArray(), written);

        var read = RelationshipScore.Parser.ParseFrom(written);
        Assert.Equal(0, read.AToB);
        Assert.Empty(read.AToBCounts);
        Assert.False(read.HasRankForA);
        Assert.Equal(Tier.Dormant, read.TierForA);
        Assert.Equal(Base, read.Parameters.AsOf);
    }

    [Fact]
    public void Rank_zero_is_written_because_the_field_has_presence()
    {
        var record = RelationshipRecord.Empty;
        record.Apply(fromB: false, InteractionKind.Like, Base, null, ScoringModel.Default);
        var reply = new RelationshipReply(record, firstIsA: false, "bob", "ann", 0, 1, Base, ScoringModel.Default);
        var written = new byte[reply.Size()];
        reply.Write(written);
        Assert.Equal(reply.ToMessage().ToByteArray(), written);

        var read = RelationshipScore.Parser.ParseFrom(written);
        Assert.True(read.HasRankForA);
        Assert.Equal(0u, read.RankForA);
        Assert.Equal(1u, read.RankForB);
        Assert.Empty(read.AToBCounts); // bob (B) never engaged ann
        Assert.Equal(InteractionKind.Like, (InteractionKind)(int)Assert.Single(read.BToACounts).Kind);
    }

    [Fact]
    public void A_destination_of_the_wrong_size_is_refused()
    {
        var reply = new RelationshipReply(RelationshipRecord.Empty, firstIsA: true, "ann", "bob", null, null, Base, ScoringModel.Default);
        var tooLong = new byte[reply.Size() + 3];
        var error = Assert.Throws<InvalidOperationException>(() => reply.Write(tooLong));
        Assert.Contains("reserved", error.Message);
    }

    private static RelationshipReply RandomReply(int seed, out Scoring.RelationshipScore score, out ScoringModel model)
    {
        var inputs = RandomInputs(seed);
        model = inputs.Model;
        score = inputs.Record.Score(inputs.FirstIsA ? inputs.First : inputs.Second, inputs.FirstIsA ? inputs.Second : inputs.First, inputs.AsOf, model);
        return new RelationshipReply(inputs.Record, inputs.FirstIsA, inputs.First, inputs.Second, inputs.RankForFirst, inputs.RankForSecond, inputs.AsOf, model);
    }

    /// <summary>What a reply is made from, drawn from a seed.</summary>
    internal static ReplyInputs RandomInputs(int seed)
    {
        var random = new System.Random(seed);
        var weights = KindWeights.Default;
        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            // Zero, negative and fractional weights all occur.
            weights = weights.With(kind, random.Next(4) switch { 0 => 0, 1 => -random.Next(1, 5), _ => Math.Round(random.NextDouble() * 10, 3) });
        }

        var model = ScoringModel.Default with { Weights = weights, RelationshipHalfLifeMs = random.Next(1, 30) * TimeUnits.Day };
        var record = RelationshipRecord.Empty;
        var events = random.Next(0, 40);
        for (var i = 0; i < events; i++)
        {
            var kind = (InteractionKind)random.Next((int)InteractionKind.View, (int)InteractionKind.Unfollow + 1);
            double? sentiment = random.Next(3) == 0 ? random.NextDouble() * 2 - 1 : null;
            var repeat = random.Next(5) == 0 ? random.Next(128, 5_000) : 1; // counts past one varint byte
            for (var r = 0; r < repeat; r++)
            {
                record.Apply(random.Next(2) == 0, kind, Base + random.NextInt64(0, 60 * TimeUnits.Day), sentiment, model);
            }
        }

        var firstIsA = random.Next(2) == 0;
        var (first, second) = firstIsA ? ("ann-" + seed, "bob") : ("bob", "ann-" + seed);
        var asOf = Base + random.NextInt64(0, 400 * TimeUnits.Day);
        int? Rank() => random.Next(3) switch { 0 => null, 1 => random.Next(0, 200), _ => random.Next(1, 6) };
        var rankForFirst = Rank();
        var rankForSecond = Rank();
        return new ReplyInputs(record, firstIsA, first, second, rankForFirst, rankForSecond, asOf, model);
    }

    private static void AssertCounts(KindCounts expected, ScoringModel model, IReadOnlyList<KindCount> read)
    {
        var listed = 0;
        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            if (expected[kind] == 0)
            {
                continue;
            }

            var entry = read[listed++];
            Assert.Equal((int)kind, (int)entry.Kind);
            Assert.Equal((ulong)expected[kind], entry.Count);
            Assert.Equal(model.Weights[kind], entry.Weight);
        }

        Assert.Equal(listed, read.Count);
    }
}
