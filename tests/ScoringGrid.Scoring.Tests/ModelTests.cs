namespace ScoringGrid.Scoring.Tests;

public class ModelTests
{
    [Theory]
    [InlineData(InteractionKind.Unspecified, 0)]
    [InlineData(InteractionKind.View, 1)]
    [InlineData(InteractionKind.Click, 2)]
    [InlineData(InteractionKind.Like, 3)]
    [InlineData(InteractionKind.Follow, 4)]
    [InlineData(InteractionKind.Share, 5)]
    [InlineData(InteractionKind.Mention, 6)]
    [InlineData(InteractionKind.Comment, 7)]
    [InlineData(InteractionKind.Reply, 8)]
    [InlineData(InteractionKind.DirectMessage, 9)]
    [InlineData(InteractionKind.Conversion, 10)]
    [InlineData(InteractionKind.Unfollow, 11)]
    [InlineData(InteractionKind.Post, 12)]
    public void Kind_values_match_the_proto(InteractionKind kind, byte value)
    {
        Assert.Equal(value, (byte)kind);
    }

    [Theory]
    [InlineData(InteractionKind.View, 0)]
    [InlineData(InteractionKind.Click, 0.5)]
    [InlineData(InteractionKind.Like, 1)]
    [InlineData(InteractionKind.Follow, 2)]
    [InlineData(InteractionKind.Share, 3)]
    [InlineData(InteractionKind.Mention, 4)]
    [InlineData(InteractionKind.Comment, 6)]
    [InlineData(InteractionKind.Reply, 8)]
    [InlineData(InteractionKind.DirectMessage, 10)]
    [InlineData(InteractionKind.Conversion, 15)]
    [InlineData(InteractionKind.Unfollow, -5)]
    [InlineData(InteractionKind.Post, 0)]
    public void Default_weights_are_the_design_briefs(InteractionKind kind, double weight)
    {
        Assert.Equal(weight, ScoringModel.Default.WeightOf(kind));
    }

    [Fact]
    public void Default_settings_are_the_design_briefs()
    {
        ScoringModel m = ScoringModel.Default;
        m.Validate();
        Assert.Equal(14 * TimeUnits.Day, m.RelationshipHalfLifeMs);
        Assert.Equal(7 * TimeUnits.Day, m.AccountHalfLifeMs);
        Assert.Equal(24 * TimeUnits.Hour, m.ResponseSlaMs);
        Assert.Equal(30 * TimeUnits.Day, m.EngagedFollowerWindowMs);
        Assert.Equal(30 * TimeUnits.Day, m.KaushikWindowMs);
        Assert.Equal(150, m.TopRelationshipsCapacity);
        Assert.Equal((5, 15, 50, 150), (m.InnerCircleMaxRank, m.CloseMaxRank, m.ActiveMaxRank, m.NetworkMaxRank));
        Assert.Equal(10_000, m.MaxOpenExpectationsPerAccount);
        Assert.Equal(256, m.MaxIdBytes);
        Assert.Equal(Ev.Utc(2000), m.MinOccurredAtMs);
        Assert.Equal(TimeUnits.Day, m.MaxFutureSkewMs);
    }

    [Fact]
    public void With_changes_one_setting_and_keeps_equality_by_value()
    {
        ScoringModel changed = ScoringModel.Default with { Weights = KindWeights.Default.With(InteractionKind.Like, 2) };

        Assert.Equal(2.0, changed.WeightOf(InteractionKind.Like));
        Assert.Equal(1.0, ScoringModel.Default.WeightOf(InteractionKind.Like));
        Assert.NotEqual(ScoringModel.Default, changed);
        Assert.Equal(ScoringModel.Default, new ScoringModel { Weights = KindWeights.FromArray(KindWeights.Default.ToArray()) });
    }

    public static TheoryData<string, Func<ScoringModel, ScoringModel>> BadSettings => new()
    {
        { "Weights", m => m with { Weights = KindWeights.Default.With(InteractionKind.Like, double.NaN) } },
        { "RelationshipHalfLifeMs", m => m with { RelationshipHalfLifeMs = 0 } },
        { "AccountHalfLifeMs", m => m with { AccountHalfLifeMs = -1 } },
        { "ResponseSlaMs", m => m with { ResponseSlaMs = 0 } },
        { "ResponsivenessRetentionMs", m => m with { ResponsivenessRetentionMs = TimeUnits.Hour } },
        { "EngagedFollowerWindowMs", m => m with { EngagedFollowerWindowMs = 0 } },
        { "KaushikWindowMs", m => m with { KaushikWindowMs = TimeUnits.Day + 1 } },
        { "KaushikRetentionMs", m => m with { KaushikRetentionMs = 10 * TimeUnits.Day } },
        { "TopRelationshipsCapacity", m => m with { TopRelationshipsCapacity = 0 } },
        { "DormantFloor", m => m with { DormantFloor = -1 } },
        { "InnerCircleMaxRank", m => m with { InnerCircleMaxRank = 0 } },
        { "CloseMaxRank", m => m with { CloseMaxRank = 5 } },
        { "ActiveMaxRank", m => m with { ActiveMaxRank = 10 } },
        { "NetworkMaxRank", m => m with { NetworkMaxRank = 50 } },
        { "MaxOpenExpectationsPerAccount", m => m with { MaxOpenExpectationsPerAccount = 0 } },
        { "MaxIdBytes", m => m with { MaxIdBytes = 0 } },
        { "MaxFutureSkewMs", m => m with { MaxFutureSkewMs = -1 } },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_names_the_bad_setting(string setting, Func<ScoringModel, ScoringModel> change)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => change(ScoringModel.Default).Validate());

        Assert.Equal(setting, error.ParamName);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_array_must_cover_every_kind()
    {
        Assert.Throws<ArgumentException>(() => KindWeights.FromArray(new double[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KindWeights.Default.With(InteractionKind.Unspecified, 1));
    }
}
