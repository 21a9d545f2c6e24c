using System.Text.Json;
using System.Text.Json.Nodes;
using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Replay;

namespace ScoringGrid.Bench.Reporting;

/// <summary>
/// The JSON result file: the options used, the machine, the preload and warm-up, and the
/// measurement (throughput, errors by status, latency percentiles and the non-empty histogram
/// buckets), overall and per operation. Times are in ms, rates per second.
/// </summary>
public static class ResultJson
{
    /// <summary>The result as a JSON object.</summary>
    /// <param name="report">The run.</param>
    public static JsonObject Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = new JsonObject
        {
            ["tool"] = "ScoringGrid.Bench",
            ["startedAt"] = report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["scenario"] = ScenarioNames.Name(report.Settings.Scenario),
            ["model"] = report.Settings.IsOpenModel ? "open" : "closed",
            ["description"] = ModelDescription.Describe(report.Settings),
            ["workload"] = report.Workload,
            ["options"] = Options(report.Settings),
            ["machine"] = new JsonObject
            {
                ["processorCount"] = report.Machine.ProcessorCount,
                ["os"] = report.Machine.OperatingSystem,
                ["architecture"] = report.Machine.Architecture,
                ["dotnet"] = report.Machine.Runtime,
                ["serverGc"] = report.Machine.ServerGc,
            },
        };
        if (report.Replay is { } replay)
        {
            json["replay"] = new JsonObject
            {
                ["lines"] = replay.Lines,
                ["interactions"] = replay.Interactions,
                ["skipped"] = replay.Skipped,
                ["malformed"] = replay.Malformed,
                ["firstErrors"] = new JsonArray(replay.Errors.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
            };
        }

        if (report.Preload is { } preload)
        {
            json["preload"] = new JsonObject
            {
                ["sent"] = preload.Sent,
                ["accepted"] = preload.Accepted,
                ["duplicates"] = preload.Duplicates,
                ["rejected"] = preload.Rejected,
                ["seconds"] = Math.Round(preload.Elapsed.TotalSeconds, 3),
            };
        }

        if (report.QueryTargets is { } targets)
        {
            json["queryTargets"] = new JsonObject { ["pairs"] = targets.Pairs, ["accounts"] = targets.Accounts };
        }

        if (report.Warmup is { } warmup)
        {
            json["warmup"] = new JsonObject
            {
                ["seconds"] = Math.Round(warmup.Elapsed.TotalSeconds, 3),
                ["requests"] = warmup.Total.Requests,
                ["errors"] = warmup.Total.Errors,
            };
        }

        json["result"] = Phase(report.Measured, report.Settings.IsOpenModel);
        json["cutOff"] = report.CutOff;
        json["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        return json;
    }

    /// <summary>Writes the result file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The run.</param>
    public static async Task WriteAsync(string path, RunReport report)
    {
        var text = Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(path, text + Environment.NewLine).ConfigureAwait(false);
    }

    /// <summary>A histogram as percentiles (ms) and its non-empty buckets.</summary>
    /// <param name="histogram">The histogram.</param>
    /// <param name="withBuckets">Include the buckets.</param>
    public static JsonObject Latency(LatencyHistogram histogram, bool withBuckets)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var json = new JsonObject
        {
            ["count"] = histogram.Count,
            ["min"] = Ms(histogram.MinNanoseconds),
            ["p50"] = Ms(histogram.ValueAtQuantile(0.5)),
            ["p90"] = Ms(histogram.ValueAtQuantile(0.9)),
            ["p99"] = Ms(histogram.ValueAtQuantile(0.99)),
            ["p999"] = Ms(histogram.ValueAtQuantile(0.999)),
            ["max"] = Ms(histogram.MaxNanoseconds),
            ["mean"] = Ms((long)histogram.MeanNanoseconds),
            ["relativeError"] = LatencyHistogram.RelativeError,
        };
        if (withBuckets)
        {
            json["buckets"] = new JsonArray(histogram.Buckets()
                .Select(b => (JsonNode)new JsonArray(Ms(b.UpToNanoseconds), b.Count))
                .ToArray());
        }

        return json;
    }

    private static JsonObject Phase(PhaseResult phase, bool open)
    {
        var json = Counts(phase.Total);
        json["seconds"] = Math.Round(phase.Elapsed.TotalSeconds, 4);
        json["requestsPerSecond"] = Math.Round(phase.RequestsPerSecond, 1);
        json["interactionsPerSecond"] = Math.Round(phase.ItemsPerSecond, 1);
        json["stoppedBy"] = phase.StopReason.ToString();
        json["latencyMs"] = Latency(phase.Total.Latency, withBuckets: true);
        if (open)
        {
            json["serviceTimeMs"] = Latency(phase.Total.ServiceTime, withBuckets: false);
            json["sendLagMs"] = Latency(phase.ScheduleLag, withBuckets: false);
            json["behindSchedule"] = phase.BehindSchedule;
        }

        var operations = new JsonObject();
        foreach (var operation in phase.Operations)
        {
            var entry = Counts(operation);
            entry["latencyMs"] = Latency(operation.Latency, withBuckets: false);
            operations[operation.Name] = entry;
        }

        json["operations"] = operations;
        return json;
    }

    private static JsonObject Counts(OperationStats stats) => new()
    {
        ["requests"] = stats.Requests,
        ["errors"] = stats.Errors,
        ["errorsByStatus"] = Dictionary(stats.ErrorsByStatus),
        ["interactions"] = stats.Items,
        ["accepted"] = stats.Accepted,
        ["duplicates"] = stats.Duplicates,
        ["rejected"] = stats.Rejected,
        ["rejectedByStatus"] = Dictionary(stats.RejectedByStatus),
    };

    private static JsonObject Dictionary(SortedDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var (key, value) in counts)
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject Options(BenchSettings s) => new()
    {
        ["target"] = s.Target.ToString(),
        ["apiKey"] = s.ApiKeySource,
        ["scenario"] = ScenarioNames.Name(s.Scenario),
        ["readRatio"] = s.Scenario == ScenarioKind.Mixed ? s.ReadRatio : null,
        ["concurrency"] = s.Concurrency,
        ["connections"] = s.Connections,
        ["workers"] = s.Workers,
        ["rate"] = s.Rate,
        ["durationMs"] = s.Duration is { } d ? d.TotalMilliseconds : null,
        ["count"] = s.Count,
        ["warmupMs"] = s.Warmup.TotalMilliseconds,
        ["batchSize"] = s.BatchSize,
        ["inFlight"] = s.InFlight,
        ["timeoutMs"] = s.CallTimeout.TotalMilliseconds,
        ["maxTimeMs"] = s.MaxTime.TotalMilliseconds,
        ["preload"] = ScenarioNames.Queries(s.Scenario) ? s.Preload : null,
        ["accounts"] = s.Workload.Accounts,
        ["brands"] = s.Workload.Brands,
        ["pairs"] = s.Workload.Pairs,
        ["zipfS"] = s.Workload.ZipfExponent,
        ["seed"] = s.Workload.Seed,
        ["eventPrefix"] = s.Workload.EventPrefix,
        ["eventPrefixFixed"] = s.EventPrefixFixed,
        ["startTimeMs"] = s.Workload.StartMs,
        ["eventsPerSecond"] = s.Workload.EventsPerSecond,
        ["brandMentions"] = s.Workload.BrandMentionShare,
        ["replyRatio"] = s.Workload.ReplyRatio,
        ["replyDelayMs"] = s.Workload.ReplyDelay.TotalMilliseconds,
        ["replay"] = s.ReplayPath,
        ["replayFormat"] = s.ReplayPath is null ? null : ReplayFormatDetector.Name(s.ReplayFormat),
        ["replayRewriteIds"] = s.ReplayRewriteIds,
        ["allowRemote"] = s.AllowRemote,
    };

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 4);
}
