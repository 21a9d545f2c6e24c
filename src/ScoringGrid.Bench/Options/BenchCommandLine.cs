using System.CommandLine;
using System.Globalization;
using ScoringGrid.Bench.Replay;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Options;

/// <summary>
/// The command line of the load generator: every option, and the binding of a parse into
/// validated <see cref="BenchSettings"/> (each problem names its option).
/// </summary>
public sealed class BenchCommandLine
{
    /// <summary>The most interactions per batch accepted on the command line (the server's default limit is 10,000).</summary>
    public const int MaxBatchSize = 100_000;

    /// <summary>Creates the options and the root command.</summary>
    public BenchCommandLine()
    {
        Root = new RootCommand("ScoringGrid.Bench: load-tests a ScoringGrid server over gRPC (closed or open model) and reports throughput and latency percentiles.");
        foreach (var option in All())
        {
            Root.Add(option);
        }
    }

    /// <summary>The root command (its action is set by the program).</summary>
    public RootCommand Root { get; }

    /// <summary><c>--target</c>.</summary>
    public Option<string?> Target { get; } = new("--target") { Description = $"Server address, http:// (h2c) or https:// [default {BenchSettings.DefaultTarget}]" };

    /// <summary><c>--api-key</c>.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key") { Description = $"API key, sent as 'authorization: Bearer KEY' [env {BenchSettings.ApiKeyVariable}]" };

    /// <summary><c>--scenario</c>.</summary>
    public Option<string?> Scenario { get; } = new("--scenario") { Description = $"What to send: {ScenarioNames.List} [default ingest-stream]" };

    /// <summary><c>--read-ratio</c>.</summary>
    public Option<double?> ReadRatio { get; } = new("--read-ratio") { Description = "mixed: share of reads, 0 to 1 (0.9 = 90% queries, 10% ingest) [default 0.9]" };

    /// <summary><c>--concurrency</c>.</summary>
    public Option<int?> Concurrency { get; } = new("--concurrency", "-c") { Description = "Concurrent workers; for ingest-stream and load-pairs, streams [default 16; 4 streams]" };

    /// <summary><c>--connections</c>.</summary>
    public Option<int?> Connections { get; } = new("--connections") { Description = "HTTP/2 connections (one channel each; workers spread over them) [default 1]" };

    /// <summary><c>--rate</c>.</summary>
    public Option<double?> Rate { get; } = new("--rate") { Description = "Open model: requests per second on a fixed schedule, latency from each intended start [default: closed model, as fast as possible]" };

    /// <summary><c>--duration</c>.</summary>
    public Option<string?> Duration { get; } = new("--duration", "-z") { Description = "How long to measure: 500ms, 10s, 2m [default 10s unless --count]" };

    /// <summary><c>--count</c>.</summary>
    public Option<long?> Count { get; } = new("--count", "-n") { Description = "Stop after this many measured requests (with --emit-workload: interactions written)" };

    /// <summary><c>--warmup</c>.</summary>
    public Option<string?> Warmup { get; } = new("--warmup") { Description = "Unmeasured run first, same load [default 3s; 0 with --count, --replay or load-pairs]" };

    /// <summary><c>--batch-size</c>.</summary>
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Interactions per ingest request, or pairs per batch-get-relationships request [default 1000 for ingest-stream and load-pairs, 100 for batch-get-relationships, 1 otherwise]" };

    /// <summary><c>--in-flight</c>.</summary>
    public Option<int?> InFlight { get; } = new("--in-flight") { Description = "ingest-stream, load-pairs: batches sent ahead of their acks per stream [default 8]" };

    /// <summary><c>--timeout</c>.</summary>
    public Option<string?> CallTimeout { get; } = new("--timeout") { Description = "Deadline of each unary call [default 10s]" };

    /// <summary><c>--max-time</c>.</summary>
    public Option<string?> MaxTime { get; } = new("--max-time") { Description = "Hard cap on the whole run, preload included; the run is cut off there [default 15m]" };

    /// <summary><c>--preload</c>.</summary>
    public Option<long?> Preload { get; } = new("--preload") { Description = "Query scenarios: interactions ingested first, whose pairs and accounts are then queried (0: query the first 100,000 without sending them) [default 100000]" };

    /// <summary><c>--accounts</c>.</summary>
    public Option<int?> Accounts { get; } = new("--accounts") { Description = "Ordinary accounts u0..uN-1, activity Zipf-distributed [default 10000]" };

    /// <summary><c>--brands</c>.</summary>
    public Option<int?> Brands { get; } = new("--brands") { Description = "Brand accounts that receive most mentions and answer some [default 5]" };

    /// <summary><c>--pairs</c>.</summary>
    public Option<int?> Pairs { get; } = new("--pairs") { Description = "Relationships pair-wise interactions are drawn from; load-pairs: relationships to create [default 50000]" };

    /// <summary><c>--zipf-s</c>.</summary>
    public Option<double?> ZipfS { get; } = new("--zipf-s") { Description = "Zipf exponent of account activity and pair popularity [default 1.0]" };

    /// <summary><c>--seed</c>.</summary>
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed of the workload: the same seed gives the same interactions [default 1]" };

    /// <summary><c>--event-prefix</c>.</summary>
    public Option<string?> EventPrefix { get; } = new("--event-prefix") { Description = "Prefix of event ids (the sequence number follows) [default: unique per run, so runs never deduplicate each other]" };

    /// <summary><c>--start-time</c>.</summary>
    public Option<string?> StartTime { get; } = new("--start-time") { Description = "occurred_at of the first synthetic interaction: ISO-8601 or ms since the epoch [default 2026-01-01T00:00:00Z]" };

    /// <summary><c>--events-per-second</c>.</summary>
    public Option<double?> EventsPerSecond { get; } = new("--events-per-second") { Description = "Synthetic event time: interactions per second of occurred_at [default 1000]" };

    /// <summary><c>--brand-mentions</c>.</summary>
    public Option<double?> BrandMentions { get; } = new("--brand-mentions") { Description = "Share of mentions that go to a brand [default 0.8]" };

    /// <summary><c>--reply-ratio</c>.</summary>
    public Option<double?> ReplyRatio { get; } = new("--reply-ratio") { Description = "Share of brand mentions answered with a REPLY (ordinary accounts answer half as often) [default 0.6]" };

    /// <summary><c>--reply-delay</c>.</summary>
    public Option<string?> ReplyDelay { get; } = new("--reply-delay") { Description = "Mean delay, in event time, from a mention to its reply [default 10s]" };

    /// <summary><c>--replay</c>.</summary>
    public Option<string?> ReplayFile { get; } = new("--replay") { Description = "Replay this file instead of the synthetic workload (the run ends at its end)" };

    /// <summary><c>--replay-format</c>.</summary>
    public Option<string?> ReplayFormatName { get; } = new("--replay-format") { Description = $"Format of --replay: {ReplayFormatDetector.Names} [default auto]" };

    /// <summary><c>--replay-rewrite-ids</c>.</summary>
    public Option<bool> ReplayRewriteIds { get; } = new("--replay-rewrite-ids") { Description = "JSON lines: prefix the file's event ids with the run's prefix, so a file can be replayed again without being deduplicated" };

    /// <summary><c>--emit-workload</c>.</summary>
    public Option<string?> EmitWorkload { get; } = new("--emit-workload") { Description = "Write the workload (--count interactions, or the replayed file) as JSON lines to this file and exit, sending nothing" };

    /// <summary><c>--emit-requests</c>.</summary>
    public Option<string?> EmitRequests { get; } = new("--emit-requests") { Description = "Write --count requests of the query scenario, drawn as a run would draw them, as gRPC-framed messages to this file and exit, sending nothing (request bodies for tests/bench/pace/grpc-pace)" };

    /// <summary><c>--out</c>.</summary>
    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Write the result as JSON to this file" };

    /// <summary><c>--allow-remote</c>.</summary>
    public Option<bool> AllowRemote { get; } = new("--allow-remote") { Description = "Allow a target that is not a loopback address" };

    /// <summary><c>--no-progress</c>.</summary>
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "Do not print the progress line every second" };

    /// <summary>Every option.</summary>
    public IEnumerable<Option> All() =>
    [
        Target, ApiKey, Scenario, ReadRatio, Concurrency, Connections, Rate, Duration, Count, Warmup, BatchSize, InFlight, CallTimeout, MaxTime,
        Preload, Accounts, Brands, Pairs, ZipfS, Seed, EventPrefix, StartTime, EventsPerSecond, BrandMentions, ReplyRatio, ReplyDelay,
        ReplayFile, ReplayFormatName, ReplayRewriteIds, EmitWorkload, EmitRequests, Out, AllowRemote, NoProgress,
    ];

    /// <summary>Parses a command line into settings, or the problems found (each naming its option).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="getVariable">Reads environment variables.</param>
    public (BenchSettings? Settings, IReadOnlyList<string> Errors) Parse(string[] args, Func<string, string?> getVariable)
    {
        var parse = Root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return (null, parse.Errors.Select(e => e.Message).ToArray());
        }

        return Bind(parse, getVariable);
    }

    /// <summary>Validates a parse into settings, applying the defaults that depend on the scenario.</summary>
    /// <param name="parse">A parse without syntax errors.</param>
    /// <param name="getVariable">Reads environment variables.</param>
    public (BenchSettings? Settings, IReadOnlyList<string> Errors) Bind(ParseResult parse, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(getVariable);
        var errors = new List<string>();

        var targetText = parse.GetValue(Target) ?? BenchSettings.DefaultTarget;
        Uri? target = null;
        if (!Uri.TryCreate(targetText, UriKind.Absolute, out target) || target.Scheme is not ("http" or "https") || string.IsNullOrEmpty(target.Host))
        {
            errors.Add($"--target: '{targetText}' is not an http:// or https:// address such as {BenchSettings.DefaultTarget}");
            target = null;
        }

        var scenarioName = parse.GetValue(Scenario) ?? "ingest-stream";
        var scenario = ScenarioNames.Parse(scenarioName);
        if (scenario is null)
        {
            errors.Add($"--scenario: '{scenarioName}' is not one of {ScenarioNames.List}");
        }

        var kind = scenario ?? ScenarioKind.IngestStream;
        var streaming = kind is ScenarioKind.IngestStream or ScenarioKind.LoadPairs;
        var emittingRequests = parse.GetValue(EmitRequests) is not null;
        var emitting = parse.GetValue(EmitWorkload) is not null || emittingRequests;

        var apiKey = parse.GetValue(ApiKey);
        var keySource = "--api-key";
        if (apiKey is null)
        {
            apiKey = getVariable(BenchSettings.ApiKeyVariable);
            keySource = string.IsNullOrEmpty(apiKey) ? "none" : BenchSettings.ApiKeyVariable;
        }

        var concurrency = parse.GetValue(Concurrency) ?? (streaming ? 4 : 16);
        Range(errors, "--concurrency", concurrency, 1, 10_000);
        var connections = parse.GetValue(Connections) ?? 1;
        Range(errors, "--connections", connections, 1, 1_000);
        if (connections > concurrency && concurrency >= 1)
        {
            errors.Add($"--connections: {connections} connections for {concurrency} {(streaming ? "streams" : "workers")} (--concurrency) would leave some unused");
        }

        var readRatio = parse.GetValue(ReadRatio) ?? 0.9;
        if (!(readRatio is >= 0 and <= 1))
        {
            errors.Add($"--read-ratio: must be between 0 and 1 (got {Invariant(readRatio)})");
        }

        var rate = parse.GetValue(Rate);
        if (rate is { } r && (!(r > 0) || double.IsInfinity(r) || r > 10_000_000))
        {
            errors.Add($"--rate: must be a number of requests per second greater than 0 and at most 10,000,000 (got {Invariant(r)})");
        }

        var count = parse.GetValue(Count);
        if (count is { } n && n < 1)
        {
            errors.Add($"--count: must be at least 1 (got {n})");
        }

        var duration = DurationOption(errors, parse, Duration, "--duration", TimeSpan.FromMilliseconds(1));
        var warmup = DurationOption(errors, parse, Warmup, "--warmup", TimeSpan.Zero);
        var callTimeout = DurationOption(errors, parse, CallTimeout, "--timeout", TimeSpan.FromMilliseconds(1)) ?? TimeSpan.FromSeconds(10);
        var maxTime = DurationOption(errors, parse, MaxTime, "--max-time", TimeSpan.FromSeconds(1)) ?? TimeSpan.FromMinutes(15);
        if (maxTime > TimeSpan.FromHours(24))
        {
            errors.Add($"--max-time: at most 24h (got {DurationText.Format(maxTime)})");
        }

        var batchSize = parse.GetValue(BatchSize) ?? (streaming ? 1000 : kind == ScenarioKind.BatchGetRelationships ? 100 : 1);
        Range(errors, "--batch-size", batchSize, 1, MaxBatchSize);
        var inFlight = parse.GetValue(InFlight) ?? 8;
        Range(errors, "--in-flight", inFlight, 1, 1_000);
        var preload = parse.GetValue(Preload) ?? 100_000;
        if (preload < 0)
        {
            errors.Add($"--preload: must be at least 0 (got {preload})");
        }

        var shape = BindShape(errors, parse, kind, out var prefixFixed);

        var replay = parse.GetValue(ReplayFile);
        var replayFormat = ReplayFormat.Auto;
        if (parse.GetValue(ReplayFormatName) is { } formatName)
        {
            if (ReplayFormatDetector.ParseName(formatName) is { } parsedFormat)
            {
                replayFormat = parsedFormat;
            }
            else
            {
                errors.Add($"--replay-format: '{formatName}' is not one of {ReplayFormatDetector.Names}");
            }

            if (replay is null)
            {
                errors.Add("--replay-format: applies only with --replay FILE");
            }
        }

        if (replay is not null && !File.Exists(replay))
        {
            errors.Add($"--replay: file '{replay}' does not exist");
        }

        if (replay is not null && kind == ScenarioKind.LoadPairs && !emitting)
        {
            errors.Add("--replay: load-pairs creates its own relationships; replay a file with ingest-stream or ingest-unary");
        }

        if (parse.GetValue(ReplayRewriteIds) && replay is null)
        {
            errors.Add("--replay-rewrite-ids: applies only with --replay FILE");
        }

        if (emittingRequests)
        {
            if (parse.GetValue(EmitWorkload) is not null)
            {
                errors.Add("--emit-requests: write one file at a time (not with --emit-workload)");
            }

            if (!ScenarioNames.IsSingleQuery(kind))
            {
                errors.Add($"--emit-requests: writes the requests of a query scenario (get-relationship, get-account, top-relationships, batch-get-relationships, get-responsiveness, list-open-expectations), not {scenarioName}");
            }

            if (count is null)
            {
                errors.Add("--emit-requests: needs --count N, the number of requests to write");
            }
        }
        else if (emitting)
        {
            if (count is null && replay is null)
            {
                errors.Add("--emit-workload: needs --count N, the number of interactions to write");
            }
        }
        else if (kind == ScenarioKind.LoadPairs)
        {
            if (count is not null)
            {
                errors.Add("--count: load-pairs sends exactly --pairs relationships; set --pairs instead");
            }

            if (PairLoadWorkload.MaxPairs(shape.Accounts) < shape.Pairs)
            {
                errors.Add($"--pairs: load-pairs can spread at most {PairLoadWorkload.MaxPairs(shape.Accounts)} relationships over --accounts {shape.Accounts}; raise --accounts");
            }

            count = (shape.Pairs + batchSize - 1) / Math.Max(1, batchSize);
        }
        else if (count is null && duration is null)
        {
            duration = TimeSpan.FromSeconds(10);
        }

        if (!emitting && parse.GetValue(Warmup) is null)
        {
            // A replayed file or a load-pairs set is the workload itself: none of it goes unmeasured unless asked.
            warmup = kind == ScenarioKind.LoadPairs || replay is not null || parse.GetValue(Count) is not null ? TimeSpan.Zero : TimeSpan.FromSeconds(3);
        }

        if (!emitting && duration is { } d && (warmup ?? TimeSpan.Zero) + d >= maxTime)
        {
            errors.Add($"--max-time: {DurationText.Format(maxTime)} does not leave room for --warmup {DurationText.Format(warmup ?? TimeSpan.Zero)} and --duration {DurationText.Format(d)}; raise --max-time");
        }

        var allowRemote = parse.GetValue(AllowRemote);
        if (target is not null && !emitting && TargetGuard.Refusal(target, allowRemote) is { } refusal)
        {
            errors.Add(refusal);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new BenchSettings
        {
            Target = target!,
            ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey,
            ApiKeySource = keySource,
            Scenario = kind,
            ReadRatio = readRatio,
            Concurrency = concurrency,
            Connections = connections,
            Rate = rate,
            Duration = duration,
            Count = count,
            Warmup = warmup ?? TimeSpan.Zero,
            BatchSize = batchSize,
            InFlight = inFlight,
            CallTimeout = callTimeout,
            MaxTime = maxTime,
            Preload = preload,
            Workload = shape,
            EventPrefixFixed = prefixFixed,
            ReplayPath = replay,
            ReplayFormat = replayFormat,
            ReplayRewriteIds = parse.GetValue(ReplayRewriteIds),
            EmitWorkloadPath = parse.GetValue(EmitWorkload),
            EmitRequestsPath = parse.GetValue(EmitRequests),
            OutPath = parse.GetValue(Out),
            AllowRemote = allowRemote,
            NoProgress = parse.GetValue(NoProgress),
        }, errors);
    }

    private WorkloadShape BindShape(List<string> errors, ParseResult parse, ScenarioKind kind, out bool prefixFixed)
    {
        var defaults = new WorkloadShape();
        var prefix = parse.GetValue(EventPrefix);
        prefixFixed = prefix is not null;
        if (prefix is not null && (prefix.Length == 0 || prefix.Length > 200 || prefix.Any(char.IsWhiteSpace)))
        {
            errors.Add($"--event-prefix: must be 1 to 200 characters without spaces (got '{prefix}')");
        }

        prefix ??= "bench-" + Guid.NewGuid().ToString("n")[..8] + "-";
        var startMs = WorkloadShape.DefaultStartMs;
        if (parse.GetValue(StartTime) is { } startText)
        {
            if (long.TryParse(startText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            {
                startMs = ms;
            }
            else if (DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                startMs = instant.ToUnixTimeMilliseconds();
            }
            else
            {
                errors.Add($"--start-time: '{startText}' is neither ms since the epoch nor an ISO-8601 time");
            }
        }

        var replyDelay = DurationOption(errors, parse, ReplyDelay, "--reply-delay", TimeSpan.Zero) ?? defaults.ReplyDelay;
        var shape = new WorkloadShape
        {
            Accounts = parse.GetValue(Accounts) ?? defaults.Accounts,
            Brands = parse.GetValue(Brands) ?? defaults.Brands,
            Pairs = parse.GetValue(Pairs) ?? defaults.Pairs,
            ZipfExponent = parse.GetValue(ZipfS) ?? defaults.ZipfExponent,
            Seed = parse.GetValue(Seed) ?? defaults.Seed,
            EventPrefix = prefix,
            StartMs = startMs,
            EventsPerSecond = parse.GetValue(EventsPerSecond) ?? defaults.EventsPerSecond,
            BrandMentionShare = parse.GetValue(BrandMentions) ?? defaults.BrandMentionShare,
            ReplyRatio = parse.GetValue(ReplyRatio) ?? defaults.ReplyRatio,
            ReplyDelay = replyDelay,
        };
        if (shape.Accounts > 10_000_000)
        {
            errors.Add($"--accounts: at most 10,000,000 (got {shape.Accounts})");
        }

        foreach (var problem in shape.Problems())
        {
            // load-pairs spreads its pairs evenly and has its own bound on --pairs.
            if (kind == ScenarioKind.LoadPairs && problem.StartsWith("--pairs:", StringComparison.Ordinal) && shape.Pairs >= 1)
            {
                continue;
            }

            errors.Add(problem);
        }

        return shape;
    }

    private static TimeSpan? DurationOption(List<string> errors, ParseResult parse, Option<string?> option, string name, TimeSpan minimum)
    {
        if (parse.GetValue(option) is not { } text)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var value))
        {
            errors.Add($"{name}: '{text}' is not a duration such as 500ms, 10s, 2m or 1h");
            return null;
        }

        if (value < minimum)
        {
            errors.Add($"{name}: must be at least {DurationText.Format(minimum)} (got {text})");
            return null;
        }

        return value;
    }

    private static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name}: must be between {min} and {max} (got {value})");
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
