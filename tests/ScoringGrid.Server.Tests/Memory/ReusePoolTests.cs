using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Tests.Memory;

public sealed class ReusePoolTests
{
    [Fact]
    public void Takes_in_the_order_returned_and_creates_when_empty()
    {
        var created = 0;
        var pool = new ReusePool<object>(4, () => { created++; return new object(); });
        var a = pool.Take();
        var b = pool.Take();
        Assert.Equal(2, created);

        pool.Return(a);
        pool.Return(b);
        Assert.Equal(2, pool.Count);
        Assert.Same(a, pool.Take());
        Assert.Same(b, pool.Take());
        Assert.NotSame(a, pool.Take());
        Assert.Equal(3, created);
    }

    [Fact]
    public void Keeps_at_most_its_capacity_rounded_up_to_a_power_of_two()
    {
        var pool = new ReusePool<object>(3, () => new object());
        Assert.Equal(4, pool.Capacity);
        var items = Enumerable.Range(0, 6).Select(_ => new object()).ToArray();
        foreach (var item in items)
        {
            pool.Return(item);
        }

        Assert.Equal(4, pool.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Same(items[i], pool.Take());
        }

        Assert.Equal(0, pool.Count);
        Assert.DoesNotContain(pool.Take(), items);
    }

    [Fact]
    public void Goes_round_its_ring_many_times()
    {
        // Positions keep growing; each cell is reused every capacity turns.
        var pool = new ReusePool<object>(8, () => new object());
        var held = new Queue<object>(Enumerable.Range(0, 5).Select(_ => pool.Take()));
        for (var i = 0; i < 10_000; i++)
        {
            pool.Return(held.Dequeue());
            held.Enqueue(pool.Take());
            Assert.Equal(0, pool.Count);
        }

        Assert.Equal(5, held.Distinct().Count());
    }

    [Fact(Timeout = 30_000)]
    public async Task Never_hands_one_object_to_two_takers_at_once()
    {
        // Four threads take and return as fast as they can; each marks what it holds. Were an
        // object handed out twice, its mark would be found set.
        var pool = new ReusePool<Holder>(8, () => new Holder());
        var seen = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                var holder = pool.Take();
                Assert.Equal(0, Interlocked.Exchange(ref holder.InUse, 1));
                Interlocked.Increment(ref seen);
                holder.InUse = 0;
                pool.Return(holder);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(200_000, seen);
        Assert.InRange(pool.Count, 1, 8);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 20) + 1)]
    public void A_capacity_out_of_range_is_refused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReusePool<object>(capacity, () => new object()));

    private sealed class Holder
    {
        public int InUse;
    }
}
