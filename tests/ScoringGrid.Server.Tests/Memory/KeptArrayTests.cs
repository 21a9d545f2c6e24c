using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Tests.Memory;

/// <summary>
/// A kept array gives its kept room while a use fits, grows the kept room by powers of two up to its
/// limit, gives a use beyond the limit room of its own that is not kept past <see cref="KeptArray{T}.Drop"/>,
/// and grows the room in use keeping what it holds.
/// </summary>
public sealed class KeptArrayTests
{
    [Fact]
    public void Room_is_kept_up_to_the_limit_and_a_larger_use_gets_its_own()
    {
        var kept = new KeptArray<int>(4, 64);
        var first = kept.Current;

        Assert.Same(first, kept.For(3));
        var grown = kept.For(20);
        Assert.Equal(32, grown.Length);
        kept.Drop();
        Assert.Same(grown, kept.Current);
        Assert.Same(grown, kept.For(32));

        var own = kept.For(65);
        Assert.Equal(65, own.Length);
        kept.Drop();
        Assert.Same(grown, kept.Current);
        Assert.Equal(64, kept.For(40).Length);
    }

    [Fact]
    public void Growing_keeps_what_the_room_holds_and_keeps_the_room_within_the_limit()
    {
        var kept = new KeptArray<int>(2, 8);
        kept.Current[0] = 7;
        kept.Current[1] = 9;

        var grown = kept.Grow(2, 3);
        Assert.Equal([7, 9, 0, 0], grown);
        grown[2] = 11;
        var beyond = kept.Grow(3, 20);
        Assert.Equal(20, beyond.Length);
        Assert.Equal([7, 9, 11], beyond[..3]);

        kept.Drop();
        Assert.Same(grown, kept.Current);
    }
}
