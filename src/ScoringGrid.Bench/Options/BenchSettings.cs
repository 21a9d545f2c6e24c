using ScoringGrid.Bench.Replay;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Options;

/// <summary>Everything a run was asked to do, validated (built by <see cref="BenchCommandLine"/>).</summary>
public sealed record BenchSettings
{
    /// <summary>The default target, a local server.</summary>
    public const string DefaultTarget = "http://127.0.0.1:50051";

    /// <summary>The environment variable read when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "SCORINGGRID_API_KEY";

    /// <summary>The server (<c>--target</c>).</summary>
    public Uri Target { get; init; } = new(DefaultTarget);

    /// <summary>The API key (<c>--api-key</c>, else <see cref="ApiKeyVariable"/>); null sends none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where the API key came from: <c>--api-key</c>, the environment, or none (reported, never the key itself).</summary>
    public string ApiKeySource { get; init; } = "none";

    /// <summary>The scenario (<c>--scenario</c>).</summary>
    public ScenarioKind Scenario { get; init; } = ScenarioKind.IngestStream;

    /// <summary>Share of reads in the mixed scenario (<c>--read-ratio</c>).</summary>
    public double ReadRatio { get; init; } = 0.9;

    /// <summary>Concurrent workers, or streams for ingest-stream and load-pairs (<c>--concurrency</c>).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>HTTP/2 connections, one channel each (<c>--connections</c>).</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Requests per second (open model), or null for as fast as possible (closed model) (<c>--rate</c>).</summary>
    public double? Rate { get; init; }

    /// <summary>How long the measurement runs (<c>--duration</c>); null when bounded by count only.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How many requests are measured (<c>--count</c>); for <c>--emit-workload</c>, interactions written.</summary>
    public long? Count { get; init; }

    /// <summary>Unmeasured run before the measurement (<c>--warmup</c>).</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>Interactions per ingest request (<c>--batch-size</c>).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Batches in flight per stream for ingest-stream and load-pairs (<c>--in-flight</c>).</summary>
    public int InFlight { get; init; } = 8;

    /// <summary>Deadline of each call (<c>--timeout</c>).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Hard cap on the whole run, preloading included (<c>--max-time</c>).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Interactions ingested before a query scenario (<c>--preload</c>).</summary>
    public long Preload { get; init; } = 100_000;

    /// <summary>The synthetic workload's parameters (<c>--accounts</c>, <c>--brands</c>, <c>--pairs</c>, <c>--zipf-s</c>, <c>--seed</c>, <c>--event-prefix</c>...).</summary>
    public WorkloadShape Workload { get; init; } = new();

    /// <summary>Whether <c>--event-prefix</c> was given (else it is unique per run).</summary>
    public bool EventPrefixFixed { get; init; }

    /// <summary>A file to replay instead of the synthetic workload (<c>--replay</c>).</summary>
    public string? ReplayPath { get; init; }

    /// <summary>Its format (<c>--replay-format</c>).</summary>
    public ReplayFormat ReplayFormat { get; init; } = ReplayFormat.Auto;

    /// <summary>Prefix a replayed JSON-lines file's event ids with the run's (<c>--replay-rewrite-ids</c>).</summary>
    public bool ReplayRewriteIds { get; init; }

    /// <summary>Write the workload as JSON lines to this file and exit (<c>--emit-workload</c>).</summary>
    public string? EmitWorkloadPath { get; init; }

    /// <summary>Write query requests, gRPC-framed, to this file and exit (<c>--emit-requests</c>).</summary>
    public string? EmitRequestsPath { get; init; }

    /// <summary>Where to write the JSON result (<c>--out</c>).</summary>
    public string? OutPath { get; init; }

    /// <summary>Load a non-loopback target (<c>--allow-remote</c>).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Print no progress line (<c>--no-progress</c>).</summary>
    public bool NoProgress { get; init; }

    /// <summary>Workers the load runner uses: the concurrency, times the batches in flight per stream for streaming scenarios.</summary>
    public int Workers => Scenario is ScenarioKind.IngestStream or ScenarioKind.LoadPairs ? Concurrency * InFlight : Concurrency;

    /// <summary>Whether requests follow a fixed schedule (<c>--rate</c>).</summary>
    public bool IsOpenModel => Rate is not null;
}
