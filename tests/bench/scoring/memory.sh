#!/usr/bin/env bash
# Resident memory per relationship at several sizes: for each N, a fresh in-memory server is
# loaded with N distinct relationships (one LIKE each, the load generator's load-pairs scenario)
# among N / PAIRS_PER_ACCOUNT accounts, and the server's RSS growth is divided by N. The figure
# includes everything the relationships cost: records and their index, both accounts' rankings
# and follower records, the dedupe window of the events, the account directory, and the
# collector's headroom. Read twice: 5 s after the load, and once the server, quiet, has trimmed
# (ScoringGrid:Memory, default settings: 30 s quiet; the log line gives the trim's pause).
# Then the split into bytes per account and bytes per relationship: the largest N is loaded once
# more among N / SPLIT_PAIRS_PER_ACCOUNT accounts, and the two trimmed RSS growths are solved for
# growth = accounts x per-account + relationships x per-relationship (both loads keep every
# account's rankings and fans in the same layout, so the two costs are the same in both).
# Usage: tests/bench/scoring/memory.sh [--sizes "1000000 5000000 10000000"] [--pairs-per-account 10]
#        [--split-pairs-per-account 4 | 0 for no split] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
sizes="1000000 5000000 10000000"
per_account=10
split_per_account=4
out=$(mktemp -d)
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --pairs-per-account) per_account=$2; shift 2 ;;
    --split-pairs-per-account) split_per_account=$2; shift 2 ;;
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

# measure N ACCOUNTS LABEL: loads a fresh server; sets growth_kb (RSS growth once trimmed) and prints a row.
measure() {
  local n=$1 accounts=$2 label=$3
  port=$(free_port)
  data=$(mktemp -d)
  dotnet "$server_dll" --ScoringGrid:Port="$port" --ScoringGrid:DataDirectory="$data" --ScoringGrid:Storage:Provider=memory \
    --ScoringGrid:Auth:ApiKeys:0:Tenant=bench --ScoringGrid:Auth:ApiKeys:0:Sha256="$hash" --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:ScoringGrid.Server.Memory=Information --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true >"$out/server-$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.2; done
  sleep 2
  before=$(rss_kb)
  dotnet "$bench_dll" --target "http://127.0.0.1:$port" --api-key "$key" --no-progress --scenario load-pairs --pairs "$n" --accounts "$accounts" \
    --max-time 30m --out "$out/load-$label.json" >"$out/load-$label.txt"
  sleep 5
  after=$(rss_kb)
  for _ in $(seq 1 120); do grep -q "Memory trim after" "$out/server-$label.log" && break; sleep 1; done
  sleep 1
  trimmed=$(rss_kb)
  pause=$(grep -o "pause [0-9,]* ms" "$out/server-$label.log" | head -1 | tr -dc 0-9)
  growth_kb=$(( trimmed - before ))
  row=$(printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "$n" "$accounts" $(( before / 1024 )) $(( after / 1024 )) $(( (after - before) * 1024 / n )) \
    $(( trimmed / 1024 )) $(( growth_kb * 1024 / n )) "${pause:-none}")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  rm -rf "$data"; data=""
}

printf '| relationships | accounts | RSS before (MB) | RSS 5 s after the load (MB) | bytes per relationship | RSS once trimmed (MB) | bytes per relationship | trim pause (ms) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n' | tee "$out/memory.md"
largest=0
for n in $sizes; do
  measure "$n" $(( n / per_account )) "$n"
  echo "$row" | tee -a "$out/memory.md"
  if [ "$n" -ge "$largest" ]; then largest=$n; largest_growth_kb=$growth_kb; fi
done

if [ "$split_per_account" -gt 0 ] && [ "$split_per_account" != "$per_account" ]; then
  n=$largest
  accounts_a=$(( n / per_account ))
  accounts_b=$(( n / split_per_account ))
  measure "$n" "$accounts_b" "$n-split"
  echo "$row" >> "$out/memory.md.split-row"
  # growth = accounts x A + n x R, from the two loads of n relationships (bytes, integer arithmetic).
  per_account_bytes=$(( (growth_kb - largest_growth_kb) * 1024 / (accounts_b - accounts_a) ))
  per_relationship_bytes=$(( (largest_growth_kb * 1024 - accounts_a * per_account_bytes) / n ))
  {
    printf '\nSplit, from the RSS growth once trimmed of two loads of %s relationships: among %s accounts (above) and among %s:\n\n' "$n" "$accounts_a" "$accounts_b"
    printf '| relationships | accounts | RSS before (MB) | RSS 5 s after the load (MB) | bytes per relationship | RSS once trimmed (MB) | bytes per relationship | trim pause (ms) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n'
    cat "$out/memory.md.split-row"
    printf '\n| bytes per account | bytes per relationship |\n|---:|---:|\n| %s | %s |\n' "$per_account_bytes" "$per_relationship_bytes"
  } | tee -a "$out/memory.md"
  rm -f "$out/memory.md.split-row"
fi
echo "results in $out"
