using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScoringGrid.Bench.Peers;
using ScoringGrid.Bench.Peers.Postgres;
using ScoringGrid.Bench.Peers.Redis;
using ScoringGrid.Bench.Peers.Workload;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    PeerBench: drivers of the Redis and PostgreSQL peers (see tests/bench/peers/README.md).

      workload synthetic --out FILE [--count 200000] [--accounts 20000] [--seed 1] [--zipf 1.0] [--span-days 30]
      workload collegemsg --in CollegeMsg.txt --out FILE [--repeat 1] [--shift-ms 0]
      workload info --file FILE
      redis --port P --file FILE --config LABEL --raw RAW.jsonl [--run 1] [--ingest-connections 2]
            [--ingest-depth 512] [--max-seconds 300] [--queries] [query options]
      postgres --port P --file FILE --load plain|dedupe --raw RAW.jsonl [--run 1] [--batch 10000]
            [--copy-connections 1] [--max-seconds 300] [--queries] [query options]
          query options: [--query-count 200000] [--query-seconds 10] [--query-connections 4]
            [--query-depth 32 (redis only)] [--warmup 2000] [--seed 1]
      check --redis-port P --pg-port P [--verbose]
      check-sample --redis-port P --pg-port P --file FILE [--pairs 300] [--accounts 100] [--seed 1] [--verbose]
      summarize --raw RAW.jsonl --json OUT.json --markdown OUT.md [--meta key=value ...]
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    string command = args[0];
    string[] rest = args[1..];
    if (command == "workload")
    {
        if (rest.Length == 0)
        {
            throw new ArgumentException("workload synthetic|collegemsg|info");
        }

        return Workload(rest[0], new Args(rest[1..]));
    }

    var a = new Args(rest);
    return command switch
    {
        "redis" => RedisCommand(a),
        "postgres" => PostgresCommand(a),
        "check" => CheckCommand(a),
        "check-sample" => CheckSampleCommand(a),
        "summarize" => Summary.Run(a),
        _ => throw new ArgumentException($"unknown command '{command}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("peerbench: " + e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or System.Net.Sockets.SocketException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine("peerbench: " + e);
    return 1;
}

static int Workload(string kind, Args a)
{
    switch (kind)
    {
        case "synthetic":
        {
            string output = a.Required("out");
            int count = a.Int("count", 200_000);
            var items = Sources.Synthetic(count, a.Int("accounts", 20_000), a.Int("seed", 1), a.Double("zipf", 1.0), spanDays: a.Double("span-days", 30));
            a.RejectUnknown();
            WorkloadFile.Write(output, items);
            Console.Error.WriteLine($"wrote {count} interactions to {output}");
            return 0;
        }

        case "collegemsg":
        {
            string input = a.Required("in"), output = a.Required("out");
            var items = Sources.CollegeMsg(input, a.Long("shift-ms", 0), a.Int("repeat", 1)).ToList();
            a.RejectUnknown();
            WorkloadFile.Write(output, items);
            Console.Error.WriteLine($"wrote {items.Count} interactions to {output}");
            return 0;
        }

        case "info":
        {
            var w = WorkloadInfo.Load(a.Required("file"));
            a.RejectUnknown();
            Console.WriteLine(InfoJson(w).ToJsonString());
            return 0;
        }

        default:
            throw new ArgumentException($"unknown workload source '{kind}'");
    }
}

static JsonObject InfoJson(WorkloadInfo w)
{
    var kinds = new JsonObject();
    foreach (var g in w.Interactions.GroupBy(i => i.Kind).OrderBy(g => g.Key))
    {
        kinds[Model.KindNames[g.Key]] = g.Count();
    }

    return new JsonObject
    {
        ["interactions"] = w.Interactions.Count,
        ["rejected_lines"] = w.Rejected,
        ["unique_event_ids"] = w.Unique,
        ["pairs"] = w.Pairs.Length,
        ["accounts_in_pairs"] = w.Accounts.Length,
        ["first_ms"] = w.Interactions.Count == 0 ? null : w.Interactions.Min(i => i.OccurredAtMs),
        ["as_of_ms"] = w.AsOfMs,
        ["kinds"] = kinds,
    };
}

static void Emit(string raw, string peer, string system, string config, string workload, string unit, int run, Measurement m, JsonObject? parameters = null)
{
    var o = new JsonObject
    {
        ["id"] = peer + ":" + workload,
        ["peer"] = peer,
        ["system"] = system,
        ["config"] = config,
        ["workload"] = workload,
        ["unit"] = unit,
        ["run"] = run,
    };
    foreach (var (k, v) in m.ToJson())
    {
        o[k] = v?.DeepClone();
    }

    if (parameters is not null)
    {
        o["params"] = parameters;
    }

    string line = o.ToJsonString();
    File.AppendAllText(raw, line + "\n");
    string lat = m.P50Ms is null ? "" : $"  p50 {m.P50Ms:0.###} ms  p99 {m.P99Ms:0.###} ms";
    if (m.Extra.TryGetValue("other_cpu_pct", out object? other))
    {
        lat += $"  [cpu: server {m.Extra["server_cpu_pct"]}%, driver {m.Extra["driver_cpu_pct"]}%, others {other}%]";
    }

    Console.Error.WriteLine($"  {system} [{config}] {workload} run {run}: {m.Rate:N0} {unit} ({m.Count} in {m.Seconds:0.###} s){lat}{(m.Errors > 0 ? $"  ERRORS {m.Errors}" : "")}");
}

static (int Count, double Seconds, int Connections, int Warmup, int Seed) QueryOptions(Args a, int defaultWarmup) =>
    (a.Int("query-count", 200_000), a.Double("query-seconds", 10), a.Int("query-connections", 4), a.Int("warmup", defaultWarmup), a.Int("seed", 1));

// Runs one measured phase: waits for a quiet machine when asked, records CPU use during it.
static Measurement Measure(Args a, Func<Measurement> phase)
{
    int serverPid = a.Int("server-pid", 0);
    double waitIdle = a.Double("wait-idle", 0), busyLimit = a.Double("busy-limit", 10);
    double before = CpuProbe.WaitIdle(waitIdle, busyLimit);
    var probe = CpuProbe.Start(serverPid);
    Measurement m = phase();
    probe.Stop(m);
    if (waitIdle > 0)
    {
        m.Extra["busy_before_pct"] = before;
    }

    return m;
}

static int RedisCommand(Args a)
{
    int port = int.Parse(a.Required("port"), CultureInfo.InvariantCulture);
    string file = a.Required("file"), config = a.Required("config"), raw = a.Required("raw");
    int run = a.Int("run", 1);
    int ingestConnections = a.Int("ingest-connections", 2), ingestDepth = a.Int("ingest-depth", 512);
    double maxSeconds = a.Double("max-seconds", 300);
    bool queries = a.Flag("queries");
    var q = QueryOptions(a, 2000);
    int queryDepth = a.Int("query-depth", 32);
    _ = (a.Get("server-pid"), a.Get("wait-idle"), a.Get("busy-limit")); // read by Measure
    a.RejectUnknown();

    string redisPeer = "redis-" + config.Replace("appendfsync ", "aof-", StringComparison.Ordinal).Replace(' ', '-');
    var w = WorkloadInfo.Load(file);
    RedisPeer.LoadFunctions(port);
    var ingest = Measure(a, () => RedisPeer.IngestAll(port, w.Interactions, ingestConnections, ingestDepth, maxSeconds));
    Emit(raw, redisPeer, "redis", config, "ingest", "interactions/s", run, ingest);
    int status = ingest.Errors > 0 || !(bool)ingest.Extra["complete"] || Convert.ToInt64(ingest.Extra["accepted"]) != w.Unique ? 1 : 0;
    if (status != 0)
    {
        Console.Error.WriteLine($"redis ingest incomplete or failed: {ingest.ToJson().ToJsonString()}");
    }

    if (queries)
    {
        var pairs = w.SamplePairs(q.Count, q.Seed);
        var accounts = w.SampleAccounts(q.Count, q.Seed);
        var rel = Measure(a, () => RedisPeer.Queries(port, top: false, pairs, accounts, w.AsOfMs, q.Connections, queryDepth, q.Seconds, q.Warmup));
        Emit(raw, redisPeer, "redis", config, "get-relationship", "calls/s", run, rel);
        var top = Measure(a, () => RedisPeer.Queries(port, top: true, pairs, accounts, w.AsOfMs, q.Connections, queryDepth, q.Seconds, q.Warmup));
        Emit(raw, redisPeer, "redis", config, "top-relationships", "calls/s", run, top);
        if (rel.Errors > 0 || top.Errors > 0)
        {
            status = 1;
        }
    }

    return status;
}

static int PostgresCommand(Args a)
{
    int port = int.Parse(a.Required("port"), CultureInfo.InvariantCulture);
    string file = a.Required("file"), raw = a.Required("raw"), load = a.Str("load", "plain");
    int run = a.Int("run", 1), batch = a.Int("batch", 10_000), copyConnections = a.Int("copy-connections", 1);
    double maxSeconds = a.Double("max-seconds", 300);
    bool queries = a.Flag("queries");
    var q = QueryOptions(a, 200);
    string? pgbench = a.Get("pgbench");
    string workDir = a.Str("work-dir", Path.Combine(Path.GetTempPath(), "peerbench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
    _ = (a.Get("server-pid"), a.Get("wait-idle"), a.Get("busy-limit")); // read by Measure
    a.RejectUnknown();
    if (load is not ("plain" or "dedupe"))
    {
        throw new ArgumentException("--load plain|dedupe");
    }

    var w = WorkloadInfo.Load(file);
    PostgresPeer.ResetSchema(port);
    var m = Measure(a, () => PostgresPeer.Load(port, w.Interactions, batch, load == "dedupe", copyConnections, maxSeconds));
    string config = load == "dedupe" ? "COPY to staging + INSERT ON CONFLICT DO NOTHING" : "COPY";
    Emit(raw, load == "dedupe" ? "postgresql-copy-dedupe" : "postgresql-copy", "postgresql", config, "ingest", "rows/s", run, m);
    int status = m.Errors > 0 || !(bool)m.Extra["complete"] ? 1 : 0;
    if (status != 0)
    {
        Console.Error.WriteLine($"postgresql load incomplete or failed: {m.ToJson().ToJsonString()}");
    }

    if (queries)
    {
        var pairs = w.SamplePairs(q.Count, q.Seed);
        var accounts = w.SampleAccounts(q.Count, q.Seed);
        var rel = Measure(a, () => PostgresPeer.Queries(port, top: false, pairs, accounts, w.AsOfMs, q.Connections, q.Seconds, q.Warmup));
        Emit(raw, "postgresql-sql", "postgresql", "SQL over the interactions table", "get-relationship", "calls/s", run, rel);
        var top = Measure(a, () => PostgresPeer.Queries(port, top: true, pairs, accounts, w.AsOfMs, q.Connections, q.Seconds, q.Warmup));
        Emit(raw, "postgresql-sql", "postgresql", "SQL over the interactions table", "top-relationships", "calls/s", run, top);
        if (rel.Errors > 0 || top.Errors > 0)
        {
            status = 1;
        }

        if (pgbench is not null)
        {
            const string Config = "the same SQL, pgbench (libpq) client";
            var prel = Measure(a, () => PostgresPeer.PgbenchQueries(port, pgbench, top: false, pairs, accounts, w.AsOfMs, q.Connections, q.Seconds, workDir));
            Emit(raw, "postgresql-sql-pgbench", "postgresql", Config, "get-relationship", "calls/s", run, prel);
            var ptop = Measure(a, () => PostgresPeer.PgbenchQueries(port, pgbench, top: true, pairs, accounts, w.AsOfMs, q.Connections, q.Seconds, workDir));
            Emit(raw, "postgresql-sql-pgbench", "postgresql", Config, "top-relationships", "calls/s", run, ptop);
            if (prel.Errors > 0 || ptop.Errors > 0)
            {
                status = 1;
            }
        }
    }

    return status;
}

static int CheckCommand(Args a)
{
    int redisPort = a.Int("redis-port", 0), pgPort = a.Int("pg-port", 0);
    bool verbose = a.Flag("verbose");
    a.RejectUnknown();
    var check = new Check(Console.Out, verbose);
    check.RunHandMade(redisPort, pgPort);
    check.Summary();
    return check.Failed == 0 ? 0 : 1;
}

static int CheckSampleCommand(Args a)
{
    int redisPort = a.Int("redis-port", 0), pgPort = a.Int("pg-port", 0);
    string file = a.Required("file");
    int pairs = a.Int("pairs", 300), accounts = a.Int("accounts", 100), seed = a.Int("seed", 1);
    bool verbose = a.Flag("verbose");
    a.RejectUnknown();
    var check = new Check(Console.Out, verbose);
    check.RunSample(redisPort, pgPort, WorkloadInfo.Load(file), pairs, accounts, seed);
    check.Summary();
    return check.Failed == 0 ? 0 : 1;
}

