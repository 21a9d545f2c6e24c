using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Tests;

/// <summary>The Zipf sampler: deterministic for a seed, skewed as the exponent says.</summary>
public sealed class ZipfSamplerTests
{
    private static long[] Histogram(ZipfSampler sampler, ulong seed, int samples)
    {
        var random = new DeterministicRandom(seed);
        var counts = new long[sampler.Elements];
        for (var i = 0; i < samples; i++)
        {
            counts[sampler.Sample(random)]++;
        }

        return counts;
    }

    [Fact(Timeout = 10_000)]
    public async Task The_same_seed_draws_the_same_ranks_and_another_seed_other_ranks()
    {
        await Task.Yield();
        var sampler = new ZipfSampler(10_000, 1.1);
        var a = new DeterministicRandom(5);
        var b = new DeterministicRandom(5);
        var c = new DeterministicRandom(6);
        var first = Enumerable.Range(0, 1000).Select(_ => sampler.Sample(a)).ToArray();
        var second = Enumerable.Range(0, 1000).Select(_ => sampler.Sample(b)).ToArray();
        var other = Enumerable.Range(0, 1000).Select(_ => sampler.Sample(c)).ToArray();
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.All(first, rank => Assert.InRange(rank, 0, 9_999));
    }

    [Fact(Timeout = 20_000)]
    public async Task Frequencies_follow_the_zipf_law()
    {
        await Task.Yield();
        var sampler = new ZipfSampler(1_000, 1.0);
        const int samples = 400_000;
        var counts = Histogram(sampler, 11, samples);
        foreach (var rank in new[] { 0, 1, 2, 9, 99 })
        {
            var expected = sampler.Probability(rank);
            var observed = (double)counts[rank] / samples;
            Assert.True(Math.Abs(observed - expected) <= 0.05 * expected + 0.0005,
                $"rank {rank}: observed {observed:F5}, expected {expected:F5}");
        }

        // Skew: the top 1% of elements take far more than 1% of the draws, and rank 0 about twice rank 1.
        var top = counts.Take(10).Sum() / (double)samples;
        Assert.InRange(top, 0.35, 0.45);
        Assert.InRange(counts[0] / (double)counts[1], 1.8, 2.2);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_steeper_exponent_concentrates_the_draws_and_zero_is_uniform()
    {
        await Task.Yield();
        const int samples = 200_000;
        var flat = Histogram(new ZipfSampler(100, 0.0), 3, samples);
        var mild = Histogram(new ZipfSampler(100, 0.8), 3, samples);
        var steep = Histogram(new ZipfSampler(100, 1.6), 3, samples);
        Assert.InRange(flat.Min(), samples / 100 * 0.9, samples / 100 * 1.1);
        Assert.InRange(flat.Max(), samples / 100 * 0.9, samples / 100 * 1.1);
        Assert.True(mild[0] < steep[0], $"rank 0: {mild[0]} with s=0.8, {steep[0]} with s=1.6");
        Assert.True(flat[0] < mild[0]);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_single_element_is_always_drawn_and_bad_parameters_are_refused()
    {
        await Task.Yield();
        var random = new DeterministicRandom(1);
        var one = new ZipfSampler(1, 1.0);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, one.Sample(random)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(10, -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(10, double.NaN));
    }

    [Fact(Timeout = 10_000)]
    public async Task The_generator_is_fixed_by_its_seed_and_bounded()
    {
        await Task.Yield();
        // Equal seeds give equal sequences, of distinct values.
        var random = new DeterministicRandom(0);
        var again = new DeterministicRandom(0);
        var values = Enumerable.Range(0, 5).Select(_ => random.NextUInt64()).ToArray();
        Assert.Equal(values, Enumerable.Range(0, 5).Select(_ => again.NextUInt64()).ToArray());
        Assert.Equal(5, values.Distinct().Count());
        var bounded = new DeterministicRandom(9);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(bounded.NextInt64(7), 0, 6);
            Assert.InRange(bounded.NextDouble(), 0.0, 0.9999999999999999);
        }

        Assert.NotEqual(DeterministicRandom.ForStream(1, 0).NextUInt64(), DeterministicRandom.ForStream(1, 1).NextUInt64());
    }
}
