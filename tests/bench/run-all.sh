#!/usr/bin/env bash
# ScoringGrid and the systems a user would pick instead, measured in one run on this machine,
# summarised in one table (tests/bench/summarize.py) with ratios ScoringGrid / peer.
#
#   1. a workload file: the load generator's synthetic workload (--emit-workload), JSON lines;
#   2. the peers on that file: Redis (appendfsync everysec and always) and PostgreSQL
#      (tests/bench/peers/run-peers.sh);
#   3. ScoringGrid on the same file, RUNS times each, interleaved: ingest through IngestStream
#      into a fresh server with memory, sqlite and postgres storage (durable: the write-ahead log
#      fsynced before every ack), with the server's peak resident memory; for the durable servers
#      then recovery (SIGKILL, restart, replay of the whole log) and the first checkpoint after it
#      (every grain written);
#   4. queries against a fresh in-memory server loaded with the same file: GetRelationship and
#      GetTopRelationships with the load generator (closed model), GetRelationship at half of that
#      rate (open model: the latency at half of saturation), GetRelationship with h2load (the
#      server's own capacity, the client costing little), and GetRelationship with grpc-pace
#      (tests/bench/pace, a paced client in C): the server's own saturation, then the open model
#      at half and a quarter of it, with the server's CPU per call; then, RUNS times, a fresh
#      server warmed on a small workload of its own, loaded with the file and queried the moment
#      the load ends, at half of that saturation for 20 s (what the collector does with the state
#      the load left behind);
#   5. the unary ceilings: a bare Kestrel handler and a libgrpc++ server answering a trivial call,
#      next to ScoringGrid's gRPC layer (tests/bench/h2load/run.sh);
#   6. resident memory per relationship at 1M, 5M and 10M relationships (tests/bench/scoring/memory.sh).
#
# Usage: tests/bench/run-all.sh [-r RUNS] [-n INTERACTIONS] [--out DIR] [--skip-peers] [--skip-h2load]
#                               [--skip-memory] [--memory-sizes "1000000 5000000 10000000"] [--timeout SEC]
# Writes DIR/RESULTS.md (the table, the machine, the commands) and DIR/*.json; copy RESULTS.md to
# tests/bench/RESULTS.md to publish it. Only 127.0.0.1 is contacted; everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
runs=3
count=500000
out=/tmp/scoringgrid-bench
skip_peers=0
skip_h2load=0
skip_memory=0
memory_sizes="1000000 5000000 10000000"
limit=10800
command_line="tests/bench/run-all.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    -r|--runs) runs=$2; shift 2 ;;
    -n|--count) count=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --skip-peers) skip_peers=1; shift ;;
    --skip-h2load) skip_h2load=1; shift ;;
    --skip-memory) skip_memory=1; shift ;;
    --memory-sizes) memory_sizes=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-all.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
started=$(date +%s)
deadline=$((started + limit))
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
check_time() { [ "$(date +%s)" -lt "$deadline" ] || { log "time limit of $limit s reached"; exit 1; }; }

need=()
command -v h2load >/dev/null || need+=(nghttp2-client)
[ -f /usr/include/nghttp2/nghttp2.h ] || need+=(libnghttp2-dev)
command -v redis-server >/dev/null || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The libgrpc++ peer: headers and code generators.
[ -f /usr/include/grpcpp/grpcpp.h ] || need+=(libgrpc++-dev)
[ -f /usr/include/google/protobuf/port_def.inc ] || need+=(libprotobuf-dev)
command -v grpc_cpp_plugin >/dev/null || need+=(protobuf-compiler-grpc)
command -v protoc >/dev/null || need+=(protobuf-compiler)
command -v pkg-config >/dev/null || need+=(pkg-config)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

log "building (Release)"
dotnet build -c Release src/ScoringGrid.Server -v q -nologo >/dev/null
dotnet build -c Release src/ScoringGrid.Bench -v q -nologo >/dev/null
pace_bin=$(tests/bench/pace/build.sh)
server_dll=$root/src/ScoringGrid.Server/bin/Release/net10.0/ScoringGrid.Server.dll
bench_dll=$root/src/ScoringGrid.Bench/bin/Release/net10.0/ScoringGrid.Bench.dll
key="bench-key-$RANDOM$RANDOM"
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
pid=""
data=""
pg_dir=""
pg_bin=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  [ -n "$data" ] && rm -rf "$data"
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json_value() { /usr/bin/python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v:=v[k] for k in sys.argv[2].split(".")]; print(v)' "$1" "$2"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
peak_rss() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; } # the process's peak resident memory so far, kB

# start_server NAME PROVIDER [extra settings...]: a server on a free port with a fresh data directory (unless DATA is set).
start_server() {
  local name=$1 provider=$2
  shift 2
  port=$(free_port)
  [ -n "$data" ] || data=$(mktemp -d)
  local storage=(--ScoringGrid:Storage:Provider="$provider")
  [ "$provider" = postgres ] && storage+=(--ScoringGrid:Storage:PostgresConnectionString="Host=127.0.0.1;Port=$pg_port;Database=scoringgrid;Username=postgres")
  # DOTNET_TC_CallCountingDelayMs=0 as the Dockerfile and `dotnet run` (launchSettings.json) set it.
  DOTNET_TC_CallCountingDelayMs=0 dotnet "$server_dll" --ScoringGrid:Port="$port" --ScoringGrid:DataDirectory="$data" "${storage[@]}" \
    --ScoringGrid:Auth:ApiKeys:0:Tenant=bench --ScoringGrid:Auth:ApiKeys:0:Sha256="$hash" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:ScoringGrid.Server=Information "$@" >"$out/server-$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$out/server-$name.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { log "server $name exited:"; cat "$out/server-$name.log" >&2; exit 1; }
    sleep 0.2
  done
  grep -q "listening on" "$out/server-$name.log" || { log "server $name did not start"; exit 1; }
}
stop_server() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; }
drop_data() { rm -rf "$data"; data=""; }
bench() { dotnet "$bench_dll" --target "http://127.0.0.1:$port" --api-key "$key" --no-progress "$@"; }
# pace NAME METHOD BODY [grpc-pace options...]: a ScoreService METHOD with grpc-pace against the running
# server, request bodies from $out/BODY; writes NAME.json (its result) and NAME.cpu (the server's CPU
# ticks and the wall seconds of the run).
pace() {
  local name=$1 method=$2 body=$3
  shift 3
  local s0 t0
  s0=$(cpu_ticks "$pid"); t0=$(date +%s%N)
  "$pace_bin" --target "http://127.0.0.1:$port" --path "/scoringgrid.v1.ScoreService/$method" --body "$out/$body" \
    --header "authorization: Bearer $key" --connections 4 --warmup 3 --duration 10 --json "$out/$name.json" "$@" > "$out/$name.txt"
  echo "$(( $(cpu_ticks "$pid") - s0 )) $(( ($(date +%s%N) - t0) / 1000000 ))e-3" > "$out/$name.cpu"
}

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_dir=$(mktemp -d)
  chown postgres "$pg_dir"
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --locale=C >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=on -c synchronous_commit=on -c shared_buffers=256MB" start >/dev/null
  runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE scoringgrid" >/dev/null
}
reset_postgres() {
  runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS scoringgrid WITH (FORCE)" -c "CREATE DATABASE scoringgrid" >/dev/null
}

# 1. The workload.
workload=$out/workload.jsonl
log "workload: $count synthetic interactions -> $workload"
dotnet "$bench_dll" --emit-workload "$workload" --count "$count" --accounts 20000 --pairs 200000 --seed 1 --event-prefix w- >/dev/null

# 2. The peers.
if [ "$skip_peers" = 0 ]; then
  check_time
  log "peers (Redis, PostgreSQL) on the workload, $runs runs"
  tests/bench/peers/run-peers.sh -r "$runs" -o "$out/peers" --timeout $((deadline - $(date +%s))) "$workload" > "$out/peers.txt" 2>&1 || { log "peers failed (see $out/peers.txt)"; exit 1; }
fi

# 3. ScoringGrid ingest, recovery, checkpoint.
start_postgres
for run in $(seq 1 "$runs"); do
  for provider in memory sqlite postgres; do
    check_time
    log "run $run: ingest into $provider"
    [ "$provider" = postgres ] && reset_postgres
    start_server "ingest-$provider-$run" "$provider" --ScoringGrid:Storage:CheckpointInterval=01:00:00
    t0=$(cpu_ticks "$pid")
    bench --scenario ingest-stream --replay "$workload" --duration 10m --concurrency 4 --batch-size 1000 --in-flight 8 --out "$out/ingest-$provider-$run.json" > "$out/ingest-$provider-$run.txt"
    echo $(( $(cpu_ticks "$pid") - t0 )) > "$out/ingest-$provider-$run.cpu"
    peak_rss "$pid" > "$out/ingest-$provider-$run.hwm"
    if [ "$provider" = memory ]; then
      stop_server; drop_data; continue
    fi
    # Recovery: SIGKILL with nothing checkpointed, then a start that replays the whole log and checkpoints it at once.
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    log "run $run: recovery of $provider"
    start_server "recovery-$provider-$run" "$provider" --ScoringGrid:Storage:CheckpointInterval=00:00:01
    for _ in $(seq 1 1200); do grep -q "Checkpoint at log position" "$out/server-recovery-$provider-$run.log" && break; sleep 0.5; done
    stop_server; drop_data
  done
done

# Steady state: the same shape of workload (20,000 accounts, 200,000 pairs) generated on the fly into a
# fresh server and measured after a warm-up, so start-up (JIT tiering, the first activations) is left out.
for run in $(seq 1 "$runs"); do
  for provider in memory sqlite; do
    check_time
    log "run $run: steady-state ingest into $provider"
    start_server "steady-$provider-$run" "$provider" --ScoringGrid:Storage:CheckpointInterval=01:00:00
    bench --scenario ingest-stream --accounts 20000 --pairs 200000 --seed "$run" --warmup 5s --duration 20s --concurrency 4 --batch-size 1000 --in-flight 8 --out "$out/steady-$provider-$run.json" > "$out/steady-$provider-$run.txt"
    peak_rss "$pid" > "$out/steady-$provider-$run.hwm"
    stop_server; drop_data
  done
done

# 4. Queries (in-memory server loaded with the workload). Each query run starts with 8 s of the same
# load unmeasured: the load generator is a new process each time and spends its first seconds
# compiling its own code (its tiered JIT is still busy after 5 s on 2 CPUs), and the first
# collection after the preload promotes what the ingest left in gen0. GetRelationship runs closed
# (saturation), then open at half and at a quarter of that rate; GetAccountScore and
# GetTopRelationships run closed with grpc-pace.
check_time
log "queries"
start_server query memory
query_warmup=8s
bench --scenario ingest-stream --replay "$workload" --duration 10m --out "$out/query-preload.json" > /dev/null
# h2load request bodies: GetRelationship of one pair of the workload, BatchGetRelationships of 100 of its pairs.
/usr/bin/python3 - "$workload" "$out/getrel.bin" "$out/batchrel.bin" <<'PY'
import json, struct, sys
pairs = []
with open(sys.argv[1]) as f:
    for line in f:
        i = json.loads(line)
        if i.get("target") and (i["actor"], i["target"]) not in pairs:
            pairs.append((i["actor"], i["target"]))
            if len(pairs) == 100:
                break
def s(field, b): return bytes([field << 3 | 2]) + varint(len(b)) + b
def varint(n):
    out = b""
    while n >= 0x80:
        out += bytes([n & 0x7F | 0x80]); n >>= 7
    return out + bytes([n])
def pair(a, b): return s(1, a.encode()) + s(2, b.encode())
def frame(msg): return b"\x00" + struct.pack(">I", len(msg)) + msg
open(sys.argv[2], "wb").write(frame(s(1, pair(*pairs[0]))))
open(sys.argv[3], "wb").write(frame(b"".join(s(1, pair(a, b)) for a, b in pairs)))
PY
# grpc-pace request bodies: pairs and accounts drawn as the load generator draws them.
bench --emit-requests "$out/getrel-requests.bin" --scenario get-relationship --count 200000 --replay "$workload" --preload 0 > /dev/null
bench --emit-requests "$out/account-requests.bin" --scenario get-account --count 200000 --replay "$workload" --preload 0 > /dev/null
bench --emit-requests "$out/top-requests.bin" --scenario top-relationships --count 200000 --replay "$workload" --preload 0 > /dev/null
for run in $(seq 1 "$runs"); do
  check_time
  bench --scenario get-relationship --replay "$workload" --preload 0 --concurrency 32 --warmup "$query_warmup" --duration 10s --out "$out/get-relationship-$run.json" > "$out/get-relationship-$run.txt"
  saturation=$(json_value "$out/get-relationship-$run.json" result.requestsPerSecond)
  half=$(/usr/bin/python3 -c "import sys; print(max(1, round(float(sys.argv[1]) / 2)))" "$saturation")
  quarter=$(/usr/bin/python3 -c "import sys; print(max(1, round(float(sys.argv[1]) / 4)))" "$saturation")
  bench --scenario get-relationship --replay "$workload" --preload 0 --concurrency 64 --rate "$half" --warmup "$query_warmup" --duration 10s --out "$out/get-relationship-half-$run.json" > "$out/get-relationship-half-$run.txt"
  bench --scenario get-relationship --replay "$workload" --preload 0 --concurrency 64 --rate "$quarter" --warmup "$query_warmup" --duration 10s --out "$out/get-relationship-quarter-$run.json" > "$out/get-relationship-quarter-$run.txt"
  bench --scenario top-relationships --replay "$workload" --preload 0 --concurrency 32 --warmup "$query_warmup" --duration 10s --out "$out/top-relationships-$run.json" > "$out/top-relationships-$run.txt"
  h2load -n 300000 -c 4 -m 32 -t 1 -d "$out/getrel.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
    -H "authorization: Bearer $key" -H 'grpc-timeout: 10S' "http://127.0.0.1:$port/scoringgrid.v1.ScoreService/GetRelationship" > "$out/h2load-getrel-$run.txt" 2>&1
  h2load -n 20000 -c 4 -m 8 -t 1 -d "$out/batchrel.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
    -H "authorization: Bearer $key" -H 'grpc-timeout: 30S' "http://127.0.0.1:$port/scoringgrid.v1.ScoreService/BatchGetRelationships" > "$out/h2load-batchrel-$run.txt" 2>&1
  # The server at half and a quarter of its own saturation, the client waking every 100 us (not per answer).
  pace "pace-closed-$run" GetRelationship getrel-requests.bin --concurrency 128
  pace_saturation=$(json_value "$out/pace-closed-$run.json" callsPerSecond)
  pace "pace-half-$run" GetRelationship getrel-requests.bin --tick 100 --rate "$(/usr/bin/python3 -c "import sys; print(round(float(sys.argv[1]) / 2))" "$pace_saturation")"
  pace "pace-quarter-$run" GetRelationship getrel-requests.bin --tick 100 --rate "$(/usr/bin/python3 -c "import sys; print(round(float(sys.argv[1]) / 4))" "$pace_saturation")"
  # The other score queries at the server's own saturation.
  pace "pace-account-closed-$run" GetAccountScore account-requests.bin --concurrency 128
  pace "pace-top-closed-$run" GetTopRelationships top-requests.bin --concurrency 128
done
stop_server; drop_data

# 4b. Queries the moment a load ends. A fresh server first takes a small workload of its own (200,000
# interactions, another seed and event prefix) and is queried on it at the rate below for 8 s, so that
# its query code is compiled; then it ingests the workload file, and GetRelationship runs at half of
# grpc-pace's saturation (the median of step 4) for 20 s with no warm-up: the collections that follow
# the load fall inside the measured window.
after_load_rate=$(/usr/bin/python3 -c "import json, statistics, sys; print(round(statistics.median(json.load(open(p))['callsPerSecond'] for p in sys.argv[1:]) / 2))" "$out"/pace-closed-*.json)
dotnet "$bench_dll" --emit-workload "$out/warm-workload.jsonl" --count 200000 --accounts 20000 --pairs 200000 --seed 2 --event-prefix warm- >/dev/null
bench --emit-requests "$out/warm-requests.bin" --scenario get-relationship --count 200000 --replay "$out/warm-workload.jsonl" --preload 0 > /dev/null
for run in $(seq 1 "$runs"); do
  check_time
  start_server "after-load-$run" memory
  bench --scenario ingest-stream --replay "$out/warm-workload.jsonl" --duration 10m > /dev/null
  pace "pace-warm-$run" GetRelationship warm-requests.bin --tick 100 --rate "$after_load_rate" --warmup 0 --duration 8
  bench --scenario ingest-stream --replay "$workload" --duration 10m --out "$out/after-load-preload-$run.json" > /dev/null
  pace "pace-afterload-$run" GetRelationship getrel-requests.bin --tick 100 --rate "$after_load_rate" --warmup 0 --duration 20
  stop_server; drop_data
done

# 5. Unary ceilings.
if [ "$skip_h2load" = 0 ]; then
  check_time
  log "unary ceilings (h2load)"
  tests/bench/h2load/run.sh -r "$runs" --interleave -o "$out/h2load.json" > "$out/h2load.txt" 2>&1 || { log "h2load comparison failed (see $out/h2load.txt)"; exit 1; }
fi

# 6. Memory.
if [ "$skip_memory" = 0 ]; then
  check_time
  log "memory per relationship: $memory_sizes"
  tests/bench/scoring/memory.sh --sizes "$memory_sizes" --out "$out/memory" > "$out/memory.txt" 2>&1
fi

log "summary"
/usr/bin/python3 tests/bench/summarize.py "$out" "$command_line" > "$out/RESULTS.md"
cat "$out/RESULTS.md"
log "done in $(( $(date +%s) - started )) s; results in $out"
