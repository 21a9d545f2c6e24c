using ScoringGrid.Contracts;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ScoringGrid.Bench;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.V1;

// Usage:
//   ScoringGrid.Bench --target http://127.0.0.1:50051 --key KEY --scenario ingest-stream|get-relationship|get-account|load-pairs
//     [--duration 10] [--warmup 3] [--streams 4] [--batch 1000] [--in-flight 8] [--batches 1500]
//     [--concurrency 32] [--preload 200000] [--accounts 100000] [--seed 1] [--out result.json] [--allow-remote]
// Stops by itself after warm-up + duration. Refuses non-loopback targets unless --allow-remote.
var options = Options.Parse(args);
var target = new Uri(options.Get("target", "http://127.0.0.1:50051"));
if (!options.Has("allow-remote") && !IsLoopback(target))
{
    Console.Error.WriteLine($"refusing non-loopback target {target.Host}; pass --allow-remote to load another host");
    return 2;
}

var key = options.Get("key", Environment.GetEnvironmentVariable("SCORINGGRID_API_KEY") ?? "");
var scenario = options.Get("scenario", "ingest-stream");
var duration = TimeSpan.FromSeconds(options.GetInt("duration", 10));
var warmup = TimeSpan.FromSeconds(options.GetInt("warmup", 3));
var headers = new Metadata().Add("authorization", "Bearer " + key);
using var channel = GrpcChannel.ForAddress(target);
var invoker = channel.CreateCallInvoker();
var workload = new Workload(options.GetInt("accounts", 100_000), options.GetInt("seed", 1), "bench-" + Guid.NewGuid().ToString("n")[..8] + "-", 1_767_225_600_000,
    options.Has("ingest-pairs") ? options.GetInt("ingest-pairs", 0) : 0);

Result result = scenario switch
{
    "ingest-stream" => await IngestStreamAsync(),
    "get-relationship" => await QueryAsync("get-relationship"),
    "get-account" => await QueryAsync("get-account"),
    "load-pairs" => await LoadPairsAsync(),
    _ => throw new ArgumentException($"--scenario: '{scenario}' is not one of ingest-stream, get-relationship, get-account"),
};

Console.WriteLine(result.Summary());
if (options.Has("out"))
{
    await File.WriteAllTextAsync(options.Get("out", ""), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
}

return result.Errors == 0 ? 0 : 1;

async Task<Result> IngestStreamAsync()
{
    var streams = options.GetInt("streams", 4);
    var batchSize = options.GetInt("batch", 1000);
    var inFlight = options.GetInt("in-flight", 8);
    var pool = options.GetInt("batches", 1500);
    Console.WriteLine($"generating {pool} batches of {batchSize}...");
    var batches = Enumerable.Range(0, pool).Select(_ => workload.Batch(batchSize)).ToArray();
    var nextBatch = -1;
    long accepted = 0, counted = 0, errors = 0;
    var measuring = new ManualResetEventSlim();
    var histogram = new LatencyHistogram();
    var stop = DateTime.UtcNow + warmup + duration;
    Console.WriteLine($"ingest-stream: {streams} streams, batches of {batchSize}, {inFlight} in flight per stream, {warmup.TotalSeconds}s warm-up, {duration.TotalSeconds}s");
    var clock = Stopwatch.StartNew();
    var measureFrom = TimeSpan.Zero;
    var warm = Task.Delay(warmup).ContinueWith(_ =>
    {
        measureFrom = clock.Elapsed;
        measuring.Set();
    });
    var workers = Enumerable.Range(0, streams).Select(async _ =>
    {
        using var call = invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, new CallOptions(headers).WithTimeout(warmup + duration + TimeSpan.FromMinutes(1)));
        var window = new SemaphoreSlim(inFlight);
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<(long Ticks, bool Measured)>();
        var local = new LatencyHistogram();
        var reader = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                sentAt.TryDequeue(out var sent);
                var ack = call.ResponseStream.Current;
                if (sent.Measured)
                {
                    Interlocked.Add(ref counted, ack.Accepted);
                    local.Record(TimeSpan.FromTicks(clock.Elapsed.Ticks - sent.Ticks));
                }

                Interlocked.Add(ref accepted, ack.Accepted);
                Interlocked.Add(ref errors, ack.Rejected.Count);
                window.Release();
            }
        });
        while (DateTime.UtcNow < stop)
        {
            var index = Interlocked.Increment(ref nextBatch);
            if (index >= batches.Length)
            {
                break;
            }

            await window.WaitAsync();
            sentAt.Enqueue((clock.Elapsed.Ticks, measuring.IsSet));
            await call.RequestStream.WriteAsync(batches[index]);
        }

        await call.RequestStream.CompleteAsync();
        await reader;
        lock (histogram)
        {
            histogram.Merge(local);
        }
    }).ToArray();
    await Task.WhenAll(workers);
    var elapsed = clock.Elapsed - measureFrom;
    if (nextBatch >= batches.Length)
    {
        Console.WriteLine("note: the pre-generated batches ran out before the duration ended; the rate covers the time actually measured");
    }

    return new Result("ingest-stream", "interactions", counted, elapsed.TotalSeconds, errors, histogram, $"{streams} streams x {inFlight} batches of {batchSize} in flight");
}

// Creates --pairs distinct relationships among --accounts accounts (one interaction each), for
// measuring resident memory per relationship.
async Task<Result> LoadPairsAsync()
{
    var pairCount = options.GetInt("pairs", 1_000_000);
    var accountCount = options.GetInt("accounts", 2_000);
    var perAccount = (pairCount + accountCount - 1) / accountCount;
    if (perAccount >= accountCount / 2)
    {
        throw new ArgumentException("--pairs: too many pairs for --accounts; raise --accounts");
    }

    var clock = Stopwatch.StartNew();
    long accepted = 0, errors = 0;
    using var call = invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, new CallOptions(headers).WithTimeout(TimeSpan.FromMinutes(20)));
    var window = new SemaphoreSlim(8);
    var reader = Task.Run(async () =>
    {
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            accepted += call.ResponseStream.Current.Accepted;
            errors += call.ResponseStream.Current.Rejected.Count;
            window.Release();
        }
    });
    var batch = new IngestRequest();
    var made = 0;
    for (var offset = 1; offset <= perAccount && made < pairCount; offset++)
    {
        for (var i = 0; i < accountCount && made < pairCount; i++, made++)
        {
            batch.Interactions.Add(new Interaction
            {
                EventId = "pair-" + made,
                Actor = "a" + i,
                Target = "a" + ((i + offset) % accountCount),
                Kind = InteractionKind.Like,
                OccurredAt = 1_767_225_600_000 + made,
            });
            if (batch.Interactions.Count == 1000)
            {
                await window.WaitAsync();
                await call.RequestStream.WriteAsync(batch);
                batch = new IngestRequest();
            }
        }
    }

    if (batch.Interactions.Count > 0)
    {
        await window.WaitAsync();
        await call.RequestStream.WriteAsync(batch);
    }

    await call.RequestStream.CompleteAsync();
    await reader;
    return new Result("load-pairs", "relationships", accepted, clock.Elapsed.TotalSeconds, errors, new LatencyHistogram(), $"{pairCount} pairs over {accountCount} accounts");
}

async Task<Result> QueryAsync(string kind)
{
    var preload = options.GetInt("preload", 200_000);
    var concurrency = options.GetInt("concurrency", 32);
    var pairs = new List<(string A, string B)>();
    Console.WriteLine($"preloading {preload} interactions...");
    using (var call = invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, new CallOptions(headers).WithTimeout(TimeSpan.FromMinutes(10))))
    {
        var reader = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        for (var sent = 0; sent < preload; sent += 1000)
        {
            var batch = workload.Batch(Math.Min(1000, preload - sent));
            pairs.AddRange(batch.Interactions.Select(i => (i.Actor, i.Target)));
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        await reader;
    }

    Console.WriteLine($"{kind}: {concurrency} concurrent callers, {warmup.TotalSeconds}s warm-up, {duration.TotalSeconds}s");
    long calls = 0, errors = 0;
    var histogram = new LatencyHistogram();
    var clock = Stopwatch.StartNew();
    var measureFrom = warmup;
    var end = warmup + duration;
    var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var random = new Random(worker);
        var local = new LatencyHistogram();
        long localCalls = 0, localErrors = 0;
        while (clock.Elapsed < end)
        {
            var (a, b) = pairs[random.Next(pairs.Count)];
            var started = clock.Elapsed;
            try
            {
                if (kind == "get-relationship")
                {
                    await invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, new CallOptions(headers).WithTimeout(TimeSpan.FromSeconds(10)),
                        new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = b } });
                }
                else
                {
                    await invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, new CallOptions(headers).WithTimeout(TimeSpan.FromSeconds(10)),
                        new GetAccountScoreRequest { AccountId = a });
                }
            }
            catch (RpcException)
            {
                if (started >= measureFrom)
                {
                    localErrors++;
                }

                continue;
            }

            if (started >= measureFrom)
            {
                localCalls++;
                local.Record(clock.Elapsed - started);
            }
        }

        Interlocked.Add(ref calls, localCalls);
        Interlocked.Add(ref errors, localErrors);
        lock (histogram)
        {
            histogram.Merge(local);
        }
    })).ToArray();
    await Task.WhenAll(workers);
    return new Result(kind, "calls", calls, Math.Min(duration.TotalSeconds, (clock.Elapsed - measureFrom).TotalSeconds), errors, histogram, $"{concurrency} concurrent callers, {preload} interactions preloaded");
}

static bool IsLoopback(Uri uri) =>
    uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

/// <summary>The outcome of a run.</summary>
internal sealed record Result(string Scenario, string Unit, long Count, double Seconds, long Errors, LatencyHistogram Latency, string Shape)
{
    public double PerSecond => Count / Seconds;
    public double P50Ms => Latency.PercentileMs(0.50);
    public double P90Ms => Latency.PercentileMs(0.90);
    public double P99Ms => Latency.PercentileMs(0.99);
    public double P999Ms => Latency.PercentileMs(0.999);
    public double MaxMs => Latency.MaxMs;

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Scenario}: {Count:N0} {Unit} in {Seconds:F1} s = {PerSecond:N0} {Unit}/s; errors {Errors}; latency ms p50 {P50Ms:F3} p90 {P90Ms:F3} p99 {P99Ms:F3} p99.9 {P999Ms:F3} max {MaxMs:F3} ({Shape})");
}

/// <summary>--name value options.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options._values[name] = value;
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"--{name}: '{text}' is not a positive integer")
            : fallback;
}
