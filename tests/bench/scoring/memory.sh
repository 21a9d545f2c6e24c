#!/usr/bin/env bash
# Resident memory per relationship at several sizes: for each N, a fresh in-memory server is
# loaded with N distinct relationships (one LIKE each, the load generator's load-pairs scenario)
# among N / PAIRS_PER_ACCOUNT accounts, and the server's RSS growth is divided by N. The figure
# includes everything the relationships cost: records and their index, both accounts' rankings
# and follower records, the dedupe window of the events, the account directory, and the
# collector's headroom. Read twice: 5 s after the load, and once the server, quiet, has trimmed
# (ScoringGrid:Memory, default settings: 30 s quiet; the log line gives the trim's pause).
# Usage: tests/bench/scoring/memory.sh [--sizes "1000000 5000000 10000000"] [--pairs-per-account 10] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
sizes="1000000 5000000 10000000"
per_account=10
out=$(mktemp -d)
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --pairs-per-account) per_account=$2; shift 2 ;;
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
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

printf '| relationships | accounts | RSS before (MB) | RSS 5 s after the load (MB) | bytes per relationship | RSS once trimmed (MB) | bytes per relationship | trim pause (ms) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n' | tee "$out/memory.md"
for n in $sizes; do
  accounts=$(( n / per_account ))
  port=$(free_port)
  data=$(mktemp -d)
  dotnet "$server_dll" --ScoringGrid:Port="$port" --ScoringGrid:DataDirectory="$data" --ScoringGrid:Storage:Provider=memory \
    --ScoringGrid:Auth:ApiKeys:0:Tenant=bench --ScoringGrid:Auth:ApiKeys:0:Sha256="$hash" --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:ScoringGrid.Server.Memory=Information --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true >"$out/server-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.2; done
  sleep 2
  before=$(rss_kb)
  dotnet "$bench_dll" --target "http://127.0.0.1:$port" --api-key "$key" --no-progress --scenario load-pairs --pairs "$n" --accounts "$accounts" \
    --max-time 30m --out "$out/load-$n.json" >"$out/load-$n.txt"
  sleep 5
  after=$(rss_kb)
  for _ in $(seq 1 120); do grep -q "Memory trim after" "$out/server-$n.log" && break; sleep 1; done
  sleep 1
  trimmed=$(rss_kb)
  pause=$(grep -o "pause [0-9,]* ms" "$out/server-$n.log" | head -1 | tr -dc 0-9)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$accounts" $(( before / 1024 )) $(( after / 1024 )) $(( (after - before) * 1024 / n )) \
    $(( trimmed / 1024 )) $(( (trimmed - before) * 1024 / n )) "${pause:-none}" | tee -a "$out/memory.md"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  rm -rf "$data"; data=""
done
echo "results in $out"
