using ScoringGrid.Server.Ingest;

namespace ScoringGrid.Server.Tests.Ingest;

/// <summary>The reuse of the phases' per-partition lists. A type of its own per test, so the static pools do not meet.</summary>
public sealed class GroupPoolTests
{
    private readonly record struct ReuseEntry(int Value);

    private readonly record struct OversizedEntry(int Value);

    [Fact]
    public void A_returned_list_comes_back_empty_with_its_capacity()
    {
        var list = GroupPool<ReuseEntry>.Rent();
        for (var i = 0; i < 1000; i++)
        {
            list.Add(new ReuseEntry(i));
        }

        GroupPool<ReuseEntry>.Return(list);
        var again = GroupPool<ReuseEntry>.Rent();
        Assert.Same(list, again);
        Assert.Empty(again);
        Assert.True(again.Capacity >= 1000);
    }

    [Fact]
    public void A_list_grown_past_the_pooled_capacity_is_not_kept()
    {
        var big = new List<OversizedEntry>(GroupPool<OversizedEntry>.MaxPooledCapacity + 1);
        GroupPool<OversizedEntry>.Return(big);
        Assert.NotSame(big, GroupPool<OversizedEntry>.Rent());
    }
}
