using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Tests.Memory;

/// <summary>The collector's settings read from the runtime's configuration variables, and the line logged at start.</summary>
public sealed class CollectorSettingsTests
{
    private static Dictionary<string, object> Variables(object server, object concurrent, object heaps, object budget) => new()
    {
        ["ServerGC"] = server,
        ["ConcurrentGC"] = concurrent,
        ["HeapCount"] = heaps,
        ["GCGen0MaxBudget"] = budget,
        ["GCHeapHardLimit"] = 0L,
    };

    [Fact]
    public void Reads_the_variables_as_the_runtime_reports_them()
    {
        var settings = CollectorSettings.From(Variables(true, true, 2L, 33_554_432UL));
        Assert.Equal(new CollectorSettings(Server: true, Background: true, Heaps: 2, Gen0MaxBudgetBytes: 33_554_432), settings);
        Assert.Equal("server, 2 heaps, background full collections, gen0 budget at most 32 MiB a heap", settings.Describe());
    }

    [Fact]
    public void Says_when_full_collections_block_and_the_budget_is_uncapped()
    {
        var settings = CollectorSettings.From(Variables(false, false, 1, 0));
        Assert.Equal("workstation, 1 heap, blocking full collections, gen0 budget uncapped", settings.Describe());
    }

    [Fact]
    public void Gives_a_cap_that_is_not_whole_mebibytes_in_bytes()
    {
        var settings = CollectorSettings.From(Variables(true, true, 4, 1_000_000L));
        Assert.Equal("server, 4 heaps, background full collections, gen0 budget at most 1,000,000 bytes a heap", settings.Describe());
    }

    [Fact]
    public void Reads_text_values_and_treats_missing_ones_as_unset()
    {
        Assert.Equal(
            new CollectorSettings(Server: true, Background: false, Heaps: 8, Gen0MaxBudgetBytes: 16_777_216),
            CollectorSettings.From(Variables("True", "false", "8", "16777216")));

        var none = CollectorSettings.From(new Dictionary<string, object>());
        Assert.Equal(default, none);
        Assert.Equal("workstation, blocking full collections, gen0 budget uncapped", none.Describe());
    }

    [Fact]
    public void A_budget_beyond_the_largest_signed_value_is_read_as_the_largest()
    {
        Assert.Equal(long.MaxValue, CollectorSettings.From(Variables(true, true, 2, ulong.MaxValue)).Gen0MaxBudgetBytes);
    }

    [Fact]
    public void A_value_of_another_type_out_of_range_reads_as_unset()
    {
        Assert.Equal(0, CollectorSettings.From(Variables(true, true, 1e30, 2.0 * 1024 * 1024)).Heaps);
        Assert.Equal(2L << 20, CollectorSettings.From(Variables(true, true, 1e30, 2.0 * 1024 * 1024)).Gen0MaxBudgetBytes);
    }

    [Fact]
    public void This_process_reports_its_own_settings()
    {
        var current = CollectorSettings.Current();
        Assert.Equal(System.Runtime.GCSettings.IsServerGC, current.Server);
        Assert.True(current.Heaps >= 1, current.Describe());
    }
}
