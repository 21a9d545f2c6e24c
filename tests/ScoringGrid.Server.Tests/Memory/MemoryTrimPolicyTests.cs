using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Tests.Memory;

/// <summary>When a trim is due, from made-up samples of the clock, the allocations and the resident memory, one a second.</summary>
public sealed class MemoryTrimPolicyTests
{
    private const long MiB = 1 << 20;

    private static MemoryTrimOptions Options() => new()
    {
        TrimAfterQuiet = TimeSpan.FromSeconds(10),
        QuietAllocationRate = 1 * MiB,
        MinimumGrowth = 64 * MiB,
    };

    /// <summary>A policy fed one sample a second by <see cref="Run"/>.</summary>
    private sealed class Feed(MemoryTrimOptions options)
    {
        private long _allocated;
        private long _second;

        public MemoryTrimPolicy Policy { get; } = new(options);

        /// <summary>Feeds <paramref name="seconds"/> samples; returns the seconds at which a trim was due (each then taken as done at <paramref name="residentAfterTrim"/>).</summary>
        public List<long> Run(long seconds, long allocatedPerSecond, long resident, long residentAfterTrim = 0)
        {
            var trims = new List<long>();
            for (var end = _second + seconds; _second < end; _second++)
            {
                _allocated += allocatedPerSecond;
                if (Policy.ShouldTrim(_second * 1000, _allocated, resident))
                {
                    trims.Add(_second);
                    Policy.Trimmed(residentAfterTrim);
                }
            }

            return trims;
        }
    }

    [Fact]
    public void Trims_once_a_quiet_spell_has_lasted_the_delay_and_not_again_in_that_spell()
    {
        var feed = new Feed(Options());
        Assert.Empty(feed.Run(1, 0, 100 * MiB));              // start: 100 MiB resident
        Assert.Empty(feed.Run(29, 50 * MiB, 900 * MiB));      // busy, growing: never (seconds 1..29)
        Assert.Equal([39L], feed.Run(60, 4096, 900 * MiB, residentAfterTrim: 700 * MiB)); // quiet from 29
    }

    [Fact]
    public void A_burst_ends_the_spell_and_the_next_spell_trims_again_only_after_new_growth()
    {
        var feed = new Feed(Options());
        Assert.Empty(feed.Run(1, 0, 100 * MiB));
        Assert.Equal([10L], feed.Run(14, 0, 300 * MiB, residentAfterTrim: 200 * MiB));
        Assert.Empty(feed.Run(2, 20 * MiB, 250 * MiB));        // busy at 15 and 16, grew 50 MiB: not enough
        Assert.Empty(feed.Run(20, 0, 250 * MiB));
        Assert.Empty(feed.Run(2, 20 * MiB, 270 * MiB));        // busy at 37 and 38, now 70 MiB above the last trim
        Assert.Equal([48L], feed.Run(20, 0, 270 * MiB, residentAfterTrim: 210 * MiB)); // quiet from 38
    }

    [Fact]
    public void A_rate_just_above_the_quiet_rate_is_busy_and_at_it_is_quiet()
    {
        var busy = new Feed(Options());
        Assert.Empty(busy.Run(1, 0, 100 * MiB));
        Assert.Empty(busy.Run(40, MiB + 1, 900 * MiB));
        var quiet = new Feed(Options());
        Assert.Empty(quiet.Run(1, 0, 100 * MiB));
        Assert.Equal([10L], quiet.Run(40, MiB, 900 * MiB));
    }

    [Fact]
    public void Does_not_pause_before_the_resident_memory_has_grown_by_the_minimum()
    {
        var feed = new Feed(Options());
        Assert.Empty(feed.Run(1, 0, 100 * MiB));
        Assert.Empty(feed.Run(20, 0, 163 * MiB));              // one MiB short, all spell long
        Assert.Equal([21L], feed.Run(5, 0, 164 * MiB));        // the same spell, now grown enough
    }

    [Fact]
    public void Zero_delay_never_trims()
    {
        var options = Options();
        options.TrimAfterQuiet = TimeSpan.Zero;
        var feed = new Feed(options);
        Assert.Empty(feed.Run(1, 0, 100 * MiB));
        Assert.Empty(feed.Run(100, 0, 4000 * MiB));
    }

    [Theory]
    [InlineData("TrimAfterQuiet")]
    [InlineData("QuietAllocationRate")]
    [InlineData("MinimumGrowth")]
    public void A_bad_setting_is_refused_by_name(string field)
    {
        var options = Options();
        switch (field)
        {
            case "TrimAfterQuiet":
                options.TrimAfterQuiet = TimeSpan.FromSeconds(-1);
                break;
            case "QuietAllocationRate":
                options.QuietAllocationRate = 0;
                break;
            default:
                options.MinimumGrowth = -5;
                break;
        }

        var error = Assert.Throws<InvalidOperationException>(() => new MemoryTrimPolicy(options));
        Assert.Contains("ScoringGrid:Memory:" + field, error.Message, StringComparison.Ordinal);
    }
}
