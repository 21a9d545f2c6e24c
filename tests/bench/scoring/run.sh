#!/usr/bin/env bash
# Measures the scoring server end to end on this machine (client and server share the CPUs):
#   1. ingest throughput through IngestStream (interactions/s, batch ack latency);
#   2. GetRelationship throughput and latency percentiles (closed model), then GetRelationship
#      at half of that throughput on a fixed schedule (open model: latency from each intended
#      start), then GetAccountScore, then a 90/10 read/write mix;
#   3. resident memory per relationship (RSS delta of the server / relationships created).
# Each part runs against a fresh server on a free loopback port, in Release, with in-memory
# storage and a temporary data directory. The load generator is src/ScoringGrid.Bench (its
# README lists every option); its JSON results are written next to the text output.
# Usage: tests/bench/scoring/run.sh [--duration S] [--pairs N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
duration=10
pairs=1000000
out=$(mktemp -d)
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --out) out=$2; mkdir -p "$out"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/ScoringGrid.Server -v q -nologo >/dev/null
dotnet build -c Release src/ScoringGrid.Bench -v q -nologo >/dev/null
server_dll=src/ScoringGrid.Server/bin/Release/net10.0/ScoringGrid.Server.dll
bench_dll=src/ScoringGrid.Bench/bin/Release/net10.0/ScoringGrid.Bench.dll
key="bench-key-$RANDOM$RANDOM"
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
pid=""
data=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$data" ] && rm -rf "$data"; true' EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_server() {
  port=$(free_port)
  data=$(mktemp -d)
  dotnet "$server_dll" --ScoringGrid:Port="$port" --ScoringGrid:DataDirectory="$data" --ScoringGrid:Storage:Provider=memory \
    --ScoringGrid:Auth:ApiKeys:0:Tenant=bench --ScoringGrid:Auth:ApiKeys:0:Sha256="$hash" \
    --Logging:LogLevel:Default=Warning >"$out/server-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$out/server-$1.log" 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
  sleep 1
}

stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; rm -rf "$data"; data=""; }

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

# The load generator against the current server; progress goes to stderr, the summary to stdout.
bench() { dotnet "$bench_dll" --target "http://127.0.0.1:$port" --api-key "$key" "$@"; }

# A figure from a JSON result: json_value FILE 'result.requestsPerSecond'.
json_value() { /usr/bin/python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v:=v[k] for k in sys.argv[2].split(".")]; print(v)' "$1" "$2"; }

echo "== ingest (IngestStream)"
start_server ingest
bench --scenario ingest-stream --concurrency 4 --batch-size 1000 --in-flight 8 --duration "$duration" --out "$out/ingest.json" | tee "$out/ingest.txt"
stop_server

echo "== GetRelationship, closed model (as fast as possible)"
start_server query
bench --scenario get-relationship --concurrency 32 --preload 200000 --duration "$duration" --out "$out/get-relationship.json" | tee "$out/get-relationship.txt"
saturation=$(json_value "$out/get-relationship.json" result.requestsPerSecond)
half=$(/usr/bin/python3 -c "import sys; print(max(1, round(float(sys.argv[1]) / 2)))" "$saturation")
echo "== GetRelationship, open model at half of that ($half requests/s, same server)"
bench --scenario get-relationship --concurrency 64 --preload 0 --rate "$half" --duration "$duration" --out "$out/get-relationship-half.json" | tee "$out/get-relationship-half.txt"
echo "== GetAccountScore (same server)"
bench --scenario get-account --concurrency 32 --preload 0 --duration "$duration" --out "$out/get-account.json" | tee "$out/get-account.txt"
echo "== mixed, 90% reads / 10% unary ingest (same server)"
bench --scenario mixed --read-ratio 0.9 --concurrency 32 --preload 0 --duration "$duration" --out "$out/mixed.json" | tee "$out/mixed.txt"
stop_server

echo "== memory per relationship ($pairs pairs)"
start_server memory
before=$(rss_kb)
bench --scenario load-pairs --pairs "$pairs" --accounts 5000 --out "$out/memory.json" | tee "$out/memory.txt"
sleep 5
after=$(rss_kb)
echo "RSS before ${before} kB, after ${after} kB: $(( (after - before) * 1024 / pairs )) bytes per relationship (RSS delta / relationships; includes both accounts' rankings and the GC's headroom)" | tee -a "$out/memory.txt"
stop_server
echo "results in $out"
