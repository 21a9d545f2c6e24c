namespace ScoringGrid.Scoring.Tests;

public class TierTests
{
    private static readonly ScoringModel Model = ScoringModel.Default;

    [Theory]
    [InlineData(1, Tier.InnerCircle)]
    [InlineData(5, Tier.InnerCircle)]
    [InlineData(6, Tier.Close)]
    [InlineData(15, Tier.Close)]
    [InlineData(16, Tier.Active)]
    [InlineData(50, Tier.Active)]
    [InlineData(51, Tier.Network)]
    [InlineData(150, Tier.Network)]
    [InlineData(151, Tier.Acquaintance)]
    [InlineData(10_000, Tier.Acquaintance)]
    public void Rank_maps_to_dunbar_layers(int rank, Tier expected)
    {
        Assert.Equal(expected, Tiers.FromRank(rank, 100, Model));
    }

    [Fact]
    public void Unlisted_pairs_are_acquaintances()
    {
        Assert.Equal(Tier.Acquaintance, Tiers.FromRank(null, 100, Model));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(151)]
    [InlineData(null)]
    public void Below_the_floor_is_dormant_whatever_the_rank(int? rank)
    {
        Assert.Equal(Tier.Dormant, Tiers.FromRank(rank, 0.4999, Model));
        Assert.Equal(Tier.Dormant, Tiers.FromRank(rank, 0, Model));
        Assert.Equal(Tier.Dormant, Tiers.FromRank(rank, double.NaN, Model));
    }

    [Fact]
    public void The_floor_itself_is_not_dormant()
    {
        Assert.Equal(0.5, Model.DormantFloor);
        Assert.Equal(Tier.InnerCircle, Tiers.FromRank(1, 0.5, Model));
    }

    [Fact]
    public void Bounds_come_from_the_model()
    {
        ScoringModel model = Model with { InnerCircleMaxRank = 2, CloseMaxRank = 3, ActiveMaxRank = 4, NetworkMaxRank = 5, DormantFloor = 10 };

        Assert.Equal(Tier.InnerCircle, Tiers.FromRank(2, 10, model));
        Assert.Equal(Tier.Close, Tiers.FromRank(3, 10, model));
        Assert.Equal(Tier.Active, Tiers.FromRank(4, 10, model));
        Assert.Equal(Tier.Network, Tiers.FromRank(5, 10, model));
        Assert.Equal(Tier.Acquaintance, Tiers.FromRank(6, 10, model));
        Assert.Equal(Tier.Dormant, Tiers.FromRank(1, 9.9, model));
    }

    [Fact]
    public void A_single_like_goes_dormant_after_a_half_life()
    {
        var pair = new RelationshipState("a", "b");
        pair.Apply(Ev.Of("a", "b", InteractionKind.Like, Ev.Base), Model);

        double fresh = pair.Score(Ev.Base, Model).Strength;
        double later = pair.Score(Ev.Base + Model.RelationshipHalfLifeMs, Model).Strength;

        Assert.Equal(Tier.InnerCircle, Tiers.FromRank(1, fresh, Model));
        Assert.Equal(Tier.Dormant, Tiers.FromRank(1, later, Model));
    }
}
