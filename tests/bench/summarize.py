#!/usr/bin/env python3
"""One table of a tests/bench/run-all.sh run: ScoringGrid next to its peers, medians of the runs,
ratios ScoringGrid / peer. Usage: summarize.py RESULTS_DIR "COMMAND" > RESULTS.md"""
import glob
import json
import os
import platform
import re
import statistics
import sys

out, command = sys.argv[1], sys.argv[2]


def load(path):
    with open(path) as f:
        return json.load(f)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec=",.0f"):
    return "n/a" if v is None else format(v, spec)


def ratio(a, b):
    return None if a is None or not b else a / b


def runs_of(pattern):
    return [load(p) for p in sorted(glob.glob(os.path.join(out, pattern)))]


def latency(results, key, field="latencyMs"):
    return median([r["result"][field][key] for r in results if r["result"].get(field)])


rows = []  # (system, workload, rate, unit, p50, p99, note)

# ScoringGrid ingest: replays of the workload file (start-up included), then the steady-state runs.
def ingest_rows(prefix, workload, configurations):
    rates = {}
    for provider, label in configurations:
        results = runs_of("%s-%s-*.json" % (prefix, provider))
        if not results:
            continue
        rate = median([r["result"]["interactionsPerSecond"] for r in results])
        rates[provider] = rate
        peaks = [int(open(p).read()) for p in sorted(glob.glob(os.path.join(out, "%s-%s-*.hwm" % (prefix, provider))))
                 if open(p).read().strip().isdigit()]
        peak = "; server's peak RSS %s MB" % fmt(median(peaks) / 1024) if peaks else ""
        rows.append(("ScoringGrid", workload, label, rate, "interactions/s",
                     latency(results, "p50"), latency(results, "p99"), "batch ack latency%s; %d runs" % (peak, len(results))))
    return rates


ingest = ingest_rows("ingest", "ingest of the workload file into a fresh server, start-up included (IngestStream, 4 streams x 8 batches of 1,000)",
                     (("memory", "memory storage (tests only: nothing durable)"),
                      ("sqlite", "sqlite, log fsynced before each ack"),
                      ("postgres", "postgres, log fsynced before each ack")))
steady = ingest_rows("steady", "ingest, steady state (synthetic, same shape, 20 s)",
                     (("memory", "memory storage, after a 5 s warm-up"),
                      ("sqlite", "sqlite, log fsynced before each ack, after a 5 s warm-up")))

# Recovery and checkpoints.
recovery = {}
for provider in ("sqlite", "postgres"):
    replay, checkpoint, pause = [], [], []
    for path in sorted(glob.glob(os.path.join(out, "server-recovery-%s-*.log" % provider))):
        text = open(path).read()
        m = re.search(r"replayed (\d+) log records, (\d+) interactions, in (\d+) ms", text)
        if m and int(m.group(3)) > 0:
            replay.append(int(m.group(2)) / (int(m.group(3)) / 1000))
        m = re.search(r"Checkpoint at log position \d+: (\d+) grains and (\d+) event ids; ingest paused (\d+) ms for the cut, "
                      r"grains serialized in (\d+) ms, written in (\d+) ms", text)
        if m and int(m.group(5)) > 0:
            checkpoint.append(int(m.group(1)) / (int(m.group(5)) / 1000))
            pause.append(int(m.group(3)))
    if replay:
        rows.append(("ScoringGrid", "recovery: replay of the whole log after SIGKILL", provider, median(replay),
                     "interactions/s", None, None, "%d runs" % len(replay)))
    if checkpoint:
        rows.append(("ScoringGrid", "checkpoint of every grain after recovery", provider, median(checkpoint), "grains/s",
                     None, None, "ingest paused %s ms for the cut (median)" % fmt(median(pause))))

# ScoringGrid queries.
closed = runs_of("get-relationship-[0-9]*.json")
half = runs_of("get-relationship-half-*.json")
quarter = runs_of("get-relationship-quarter-*.json")
top = runs_of("top-relationships-*.json")
if closed:
    rows.append(("ScoringGrid", "GetRelationship, load generator (.NET client), 32 callers", "memory", median([r["result"]["requestsPerSecond"] for r in closed]),
                 "calls/s", latency(closed, "p50"), latency(closed, "p99"), "closed model; the client takes most of the CPU"))
for share, fraction in (("half", half), ("a quarter", quarter)):
    if fraction:
        rows.append(("ScoringGrid", "GetRelationship at %s of that rate (open model)" % share, "memory",
                     median([r["result"]["requestsPerSecond"] for r in fraction]), "calls/s",
                     latency(fraction, "p50"), latency(fraction, "p99"),
                     "latency from each call's intended start; service p99 %s ms, send lag p99 %s ms"
                     % (fmt(latency(fraction, "p99", "serviceTimeMs"), ".2f"), fmt(latency(fraction, "p99", "sendLagMs"), ".2f"))))
if top:
    rows.append(("ScoringGrid", "GetTopRelationships, load generator, 32 callers", "memory", median([r["result"]["requestsPerSecond"] for r in top]),
                 "calls/s", latency(top, "p50"), latency(top, "p99"), "closed model"))
h2rel = []
for path in sorted(glob.glob(os.path.join(out, "h2load-getrel-*.txt"))):
    text = open(path).read()
    m = re.search(r"finished in [\d.]+s, ([\d.]+) req/s", text)
    ok = re.search(r"(\d+) succeeded, 0 failed, 0 errored, 0 timeout", text)
    if m and ok:
        h2rel.append(float(m.group(1)))
getrel_h2 = median(h2rel)
if h2rel:
    rows.append(("ScoringGrid", "GetRelationship, h2load (one pair, 4 connections x 32 streams)", "memory", getrel_h2, "calls/s",
                 None, None, "%d runs" % len(h2rel)))

# grpc-pace: the server's own saturation, then the open model at half and a quarter of it.
def pace_rows():
    for kind, workload in (("closed", "GetRelationship, grpc-pace (C client), 128 calls in flight on 4 connections"),
                           ("half", "GetRelationship, grpc-pace, at half of that rate (open model)"),
                           ("quarter", "GetRelationship, grpc-pace, at a quarter of that rate (open model)"),
                           ("afterload", "GetRelationship, grpc-pace, at half of that rate from the moment a load ends (a fresh server, its query code warmed on a workload of its own; 20 s)"),
                           ("account-closed", "GetAccountScore, grpc-pace, 128 calls in flight on 4 connections"),
                           ("top-closed", "GetTopRelationships, grpc-pace, 128 calls in flight on 4 connections")):
        results, cpu_per_call, cores = [], [], []
        for path in sorted(glob.glob(os.path.join(out, "pace-%s-*.json" % kind))):
            r = load(path)
            if r["calls"] == 0 or r["ok"] != r["calls"]:
                continue
            results.append(r)
            ticks, seconds = open(path[:-len(".json")] + ".cpu").read().split()
            # The server's CPU over the whole run (warm-up and measured window alike run at the same rate).
            cores.append(int(ticks) / 100 / float(seconds))
            cpu_per_call.append(cores[-1] / r["callsPerSecond"] * 1e6)
        if not results:
            continue
        med = lambda field, key: median([r[field][key] for r in results])
        note = "server CPU %s us per call (%s cores); %d runs" % (fmt(median(cpu_per_call), ".1f"), fmt(median(cores), ".2f"), len(results))
        if kind in ("half", "quarter"):
            note = "latency from each call's intended start; service p99 %s ms, send lag p99 %s ms; " % (
                fmt(med("serviceMs", "p99"), ".2f"), fmt(med("sendLagMs", "p99"), ".2f")) + note
        if kind == "afterload":
            note = "latency from each call's intended start; p99.9 %s ms, max %s ms (medians of runs; max of runs %s ms); " % (
                fmt(med("latencyMs", "p999"), ".1f"), fmt(med("latencyMs", "max"), ".1f"),
                fmt(max(r["latencyMs"]["max"] for r in results), ".1f")) + note
        rows.append(("ScoringGrid", workload, "memory", median([r["callsPerSecond"] for r in results]), "calls/s",
                     med("latencyMs", "p50"), med("latencyMs", "p99"), note))


pace_rows()

batch = []
for path in sorted(glob.glob(os.path.join(out, "h2load-batchrel-*.txt"))):
    text = open(path).read()
    m = re.search(r"finished in [\d.]+s, ([\d.]+) req/s", text)
    ok = re.search(r"(\d+) succeeded, 0 failed, 0 errored, 0 timeout", text)
    if m and ok:
        batch.append(float(m.group(1)) * 100)
batch_rate = median(batch)
if batch:
    rows.append(("ScoringGrid", "BatchGetRelationships of 100 pairs, h2load (4 connections x 8 streams)", "memory", batch_rate, "pairs/s",
                 None, None, "%d runs" % len(batch)))

# Peers.
peers = {}
peers_path = os.path.join(out, "peers", "peers-results.json")
peers_doc = load(peers_path) if os.path.exists(peers_path) else None
if peers_doc:
    for r in peers_doc["rows"]:
        peers[r["id"]] = r
        rows.append((r["system"], r["workload"], r["config"], r["rate"], r["unit"], r.get("p50_ms"), r.get("p99_ms"),
                     "%d runs%s" % (r["runs"], ", %d busy" % r["busy_runs"] if r.get("busy_runs") else "")))

# Unary ceilings.
h2 = {}
h2_path = os.path.join(out, "h2load.json")
if os.path.exists(h2_path):
    for r in load(h2_path)["results"]:
        h2[r["target"]] = r["median_req_per_s"]
        rows.append(({"scoringgrid": "ScoringGrid gRPC layer"}.get(r["target"], r["target"]), "unary echo, h2load (16-byte payload)", "",
                     r["median_req_per_s"], "calls/s", None, None, r.get("note") or ""))

print("# ScoringGrid benchmark results\n")
print("Absolute figures move between machines (and on a shared virtual machine, between runs): compare the")
print("ratios, which were measured in the same run on the same machine. Timing lives here, never in tests.\n")
print("Machine: %s, %d CPUs (client and server share them), %s, %s." % (
    (peers_doc or {}).get("machine", {}).get("cpu_model", platform.processor() or platform.machine()),
    os.cpu_count(), platform.platform(), (peers_doc or {}).get("machine", {}).get("dotnet", "")))
print("Command: `%s`\n" % command)
workload = (peers_doc or {}).get("workload", {})
if workload:
    print("Workload (one file, replayed into every system): %s interactions, %s pairs, %s accounts; the load generator's"
          " synthetic workload (Zipf activity, brands receiving most mentions, replies to mentions).\n" % (
              fmt(workload.get("interactions")), fmt(workload.get("pairs")), fmt(workload.get("accounts_in_pairs"))))

print("| system | workload | configuration | median rate | unit | p50 ms | p99 ms | note |")
print("|---|---|---|---:|---|---:|---:|---|")
for system, what, config, rate, unit, p50, p99, note in rows:
    print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (system, what, config, fmt(rate), unit, fmt(p50, ".2f"), fmt(p99, ".2f"), note))

print("\n## Ratios (ScoringGrid / peer, same run)\n")
print("| ScoringGrid | peer | ratio |")
print("|---|---|---:|")


def peer_rate(pid):
    return peers[pid]["rate"] if pid in peers else None


pairs = [
    ("ingest, sqlite (durable)", ingest.get("sqlite"), "Redis ingest, appendfsync always", peer_rate("redis-aof-always:ingest")),
    ("ingest, sqlite (durable)", ingest.get("sqlite"), "Redis ingest, appendfsync everysec", peer_rate("redis-aof-everysec:ingest")),
    ("ingest, sqlite (durable), steady state", steady.get("sqlite"), "Redis ingest, appendfsync everysec", peer_rate("redis-aof-everysec:ingest")),
    ("ingest, postgres (durable)", ingest.get("postgres"), "PostgreSQL COPY with dedupe", peer_rate("postgresql-copy-dedupe:ingest")),
    ("ingest, postgres (durable)", ingest.get("postgres"), "PostgreSQL plain COPY", peer_rate("postgresql-copy:ingest")),
    ("GetRelationship (h2load)", getrel_h2, "Redis GetRelationship (pipelined RESP driver)", peer_rate("redis-aof-everysec:get-relationship")),
    ("BatchGetRelationships (pairs/s, h2load)", batch_rate, "Redis GetRelationship (pipelined RESP driver)", peer_rate("redis-aof-everysec:get-relationship")),
    ("GetRelationship (h2load)", getrel_h2, "PostgreSQL GetRelationship (pgbench)", peer_rate("postgresql-sql-pgbench:get-relationship")),
    ("GetRelationship (h2load)", getrel_h2, "bare Kestrel handler, trivial call (h2load)", h2.get("bare-kestrel")),
    ("GetRelationship (h2load)", getrel_h2, "bare Kestrel terminal handler (h2load)", h2.get("bare-kestrel-terminal")),
    ("GetRelationship (h2load)", getrel_h2, "libgrpc++ server, trivial call (h2load)", h2.get("cpp-grpc")),
]
for ours, ours_rate, peer, peer_value in pairs:
    r = ratio(ours_rate, peer_value)
    print("| %s | %s | %s |" % (ours, peer, "n/a" if r is None else "%.2fx" % r))

memory_md = os.path.join(out, "memory", "memory.md")
if os.path.exists(memory_md):
    print("\n## Resident memory per relationship\n")
    print("Fresh in-memory server, N distinct relationships (one LIKE each) among N/10 accounts, RSS growth / N:")
    print("records and index, both accounts' rankings and follower records, the dedupe window, the account")
    print("directory and the garbage collector's headroom. Read 5 s after the load, and again once the server,")
    print("quiet for 30 s, has handed back what its collector no longer uses (ScoringGrid:Memory, default settings).")
    print("The split below loads the largest N again among N/4 accounts and solves the two trimmed growths for")
    print("bytes per account (grain, state, directory entry, id) and bytes per relationship (record, index, both")
    print("accounts' ranking entries, a follower record, the event's dedupe id). Costs that do not grow with")
    print("either (the runtime's own, the dedupe window's first ids) land in the per-relationship figure.\n")
    print(open(memory_md).read())
