using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Tests.Fixtures;

namespace ScoringGrid.Bench.Tests;

/// <summary>Command-line validation: each problem names its option; the defaults that depend on the scenario.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static (BenchSettings? Settings, IReadOnlyList<string> Errors) Parse(params string[] args) =>
        new BenchCommandLine().Parse(args, _ => null);

    private static BenchSettings Valid(params string[] args)
    {
        var (settings, errors) = Parse(args);
        Assert.True(settings is not null, string.Join("\n", errors));
        return settings;
    }

    [Theory(Timeout = 10_000)]
    [InlineData("--concurrency", "0", "--concurrency: must be between 1 and 10000")]
    [InlineData("--concurrency", "many", "--concurrency")]
    [InlineData("--connections", "0", "--connections: must be between 1")]
    [InlineData("--rate", "-5", "--rate: must be a number of requests per second greater than 0")]
    [InlineData("--read-ratio", "1.5", "--read-ratio: must be between 0 and 1")]
    [InlineData("--duration", "soon", "--duration: 'soon' is not a duration")]
    [InlineData("--duration", "0", "--duration: must be at least")]
    [InlineData("--warmup", "later", "--warmup: 'later' is not a duration")]
    [InlineData("--timeout", "1y", "--timeout: '1y' is not a duration")]
    [InlineData("--count", "0", "--count: must be at least 1")]
    [InlineData("--batch-size", "0", "--batch-size: must be between 1 and 100000")]
    [InlineData("--in-flight", "0", "--in-flight: must be between 1")]
    [InlineData("--scenario", "stress", "--scenario: 'stress' is not one of ingest-stream, ingest-unary, get-relationship, get-account, top-relationships, batch-get-relationships, get-responsiveness, list-open-expectations, mixed, load-pairs")]
    [InlineData("--target", "127.0.0.1:50051", "--target: '127.0.0.1:50051' is not an http:// or https:// address")]
    [InlineData("--target", "ftp://127.0.0.1/", "--target: 'ftp://127.0.0.1/' is not an http:// or https:// address")]
    [InlineData("--zipf-s", "-1", "--zipf-s: must be between 0 and 10")]
    [InlineData("--accounts", "1", "--accounts: must be at least 2")]
    [InlineData("--pairs", "0", "--pairs: must be at least 1")]
    [InlineData("--brands", "-2", "--brands: must be at least 0")]
    [InlineData("--reply-ratio", "2", "--reply-ratio: must be between 0 and 1")]
    [InlineData("--reply-delay", "later", "--reply-delay: 'later' is not a duration")]
    [InlineData("--events-per-second", "0", "--events-per-second: must be greater than 0")]
    [InlineData("--start-time", "tuesday", "--start-time: 'tuesday' is neither ms since the epoch nor an ISO-8601 time")]
    [InlineData("--event-prefix", "a b", "--event-prefix: must be 1 to 200 characters without spaces")]
    [InlineData("--replay", "/nonexistent/file.txt", "--replay: file '/nonexistent/file.txt' does not exist")]
    [InlineData("--replay-format", "xml", "--replay-format: 'xml' is not one of auto, collegemsg, jsonl")]
    [InlineData("--max-time", "5s", "--max-time: 5s does not leave room for --warmup 3s and --duration 10s")]
    [InlineData("--seed", "-1", "--seed")]
    public async Task A_bad_value_is_reported_with_its_option(string option, string value, string message)
    {
        await Task.Yield();
        var (settings, errors) = Parse(option, value);
        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal) && e.Contains(option, StringComparison.Ordinal));
    }

    [Fact(Timeout = 10_000)]
    public async Task Options_that_do_not_fit_together_are_reported()
    {
        await Task.Yield();
        Assert.Contains("--connections: 8 connections for 4 workers", Assert.Single(Parse("--scenario", "get-account", "--concurrency", "4", "--connections", "8").Errors));
        Assert.Contains("--pairs: 100 distinct relationships need more accounts than --accounts 10", Assert.Single(Parse("--accounts", "10", "--pairs", "100").Errors));
        Assert.Contains("--pairs: load-pairs can spread at most", Assert.Single(Parse("--scenario", "load-pairs", "--accounts", "10", "--pairs", "100").Errors));
        Assert.Contains("--count: load-pairs sends exactly --pairs", Assert.Single(Parse("--scenario", "load-pairs", "--count", "5").Errors));
        Assert.Contains("--emit-workload: needs --count N", Assert.Single(Parse("--emit-workload", _files.PathOf("w.jsonl")).Errors));
        Assert.Contains("--replay-rewrite-ids: applies only with --replay", Assert.Single(Parse("--replay-rewrite-ids").Errors));
        var file = _files.Write("m.txt", "1 2 1082040961");
        Assert.Contains("--replay: load-pairs creates its own relationships", Assert.Single(Parse("--scenario", "load-pairs", "--replay", file).Errors));
        Assert.Contains("Unrecognized command or argument '--bogus'", Assert.Single(Parse("--bogus").Errors));
        Assert.Equal(3, Parse("--concurrency", "0", "--rate", "0", "--read-ratio", "7").Errors.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Defaults_depend_on_the_scenario()
    {
        await Task.Yield();
        var stream = Valid();
        Assert.Equal(ScenarioKind.IngestStream, stream.Scenario);
        Assert.Equal((4, 1000, 8, 32), (stream.Concurrency, stream.BatchSize, stream.InFlight, stream.Workers));
        Assert.Equal(TimeSpan.FromSeconds(10), stream.Duration);
        Assert.Equal(TimeSpan.FromSeconds(3), stream.Warmup);
        Assert.Null(stream.Rate);
        Assert.Equal(new Uri("http://127.0.0.1:50051"), stream.Target);
        Assert.StartsWith("bench-", stream.Workload.EventPrefix);
        Assert.False(stream.EventPrefixFixed);
        Assert.NotEqual(stream.Workload.EventPrefix, Valid().Workload.EventPrefix);

        var query = Valid("--scenario", "get-relationship", "--count", "500");
        Assert.Equal((16, 1, 16), (query.Concurrency, query.BatchSize, query.Workers));
        Assert.Equal(500, query.Count);
        Assert.Null(query.Duration);
        Assert.Equal(TimeSpan.Zero, query.Warmup);

        var pairs = Valid("--scenario", "load-pairs", "--pairs", "2500", "--accounts", "100", "--batch-size", "1000");
        Assert.Equal(3, pairs.Count);
        Assert.Null(pairs.Duration);
        Assert.Equal(TimeSpan.Zero, pairs.Warmup);

        var open = Valid("--scenario", "mixed", "--rate", "2500", "-c", "64", "--connections", "4", "--read-ratio", "0.75", "-z", "1.5m", "--warmup", "500ms",
            "--event-prefix", "fixed-", "--seed", "9", "--start-time", "2026-03-01T00:00:00Z");
        Assert.True(open.IsOpenModel);
        Assert.Equal((2500.0, 64, 4, 0.75), (open.Rate!.Value, open.Concurrency, open.Connections, open.ReadRatio));
        Assert.Equal(TimeSpan.FromSeconds(90), open.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), open.Warmup);
        Assert.Equal(("fixed-", 9UL, true), (open.Workload.EventPrefix, open.Workload.Seed, open.EventPrefixFixed));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), open.Workload.StartMs);

        var replay = Valid("--scenario", "ingest-unary", "--replay", _files.Write("m.txt", "1 2 1082040961"));
        Assert.Equal(TimeSpan.Zero, replay.Warmup);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_api_key_comes_from_the_option_else_the_environment()
    {
        await Task.Yield();
        var line = new BenchCommandLine();
        var fromEnvironment = line.Parse([], name => name == "SCORINGGRID_API_KEY" ? "env-key" : null).Settings!;
        Assert.Equal(("env-key", "SCORINGGRID_API_KEY"), (fromEnvironment.ApiKey, fromEnvironment.ApiKeySource));
        var fromOption = line.Parse(["--api-key", "flag-key"], _ => "env-key").Settings!;
        Assert.Equal(("flag-key", "--api-key"), (fromOption.ApiKey, fromOption.ApiKeySource));
        var none = line.Parse([], _ => null).Settings!;
        Assert.Equal((null, "none"), (none.ApiKey, none.ApiKeySource));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("3", 3_000)]
    [InlineData(" 4S ", 4_000)]
    public async Task Durations_take_a_unit_or_seconds(string text, long ms)
    {
        await Task.Yield();
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-3s")]
    [InlineData("3 weeks")]
    [InlineData("NaNs")]
    public async Task Bad_durations_are_refused(string text)
    {
        await Task.Yield();
        Assert.False(DurationText.TryParse(text, out _));
    }
}
