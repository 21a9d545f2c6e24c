#!/usr/bin/env bash
# The Redis and PostgreSQL peers of ScoringGrid, measured on one workload file
# (tests/bench/peers/README.md says what each peer does per interaction and per query).
#
# Starts each peer on free loopback ports (Redis 7 with appendonly yes, once with
# appendfsync everysec and once with appendfsync always; PostgreSQL in a temporary data
# directory with fsync and synchronous_commit on), replays the same workload into each,
# times the queries, runs every measurement RUNS times (measurements interleaved: run 1 of
# every peer, then run 2, ...) and prints one markdown table of medians, also written as JSON
# (shape in the README). Before the measurements, and alone with --check, a correctness check
# compares both peers' answers with the formulas on hand-made interactions; after the first
# run, a sample of the workload's pairs and accounts is checked the same way.
#
# Usage: tests/bench/peers/run-peers.sh [options] [WORKLOAD.jsonl]   (options also as env vars)
#   WORKLOAD.jsonl        JSON lines of scoringgrid.v1.Interaction (proto3 JSON), e.g. written by
#                         `ScoringGrid.Bench --emit-workload FILE --count N`. Absent: one is
#                         generated (see --source)                         [WORKLOAD_FILE]
#   -r, --runs N          measured runs of each measurement (median)       [RUNS=3]
#       --source S        fallback workload: synthetic (seeded, PeerBench's generator) or
#                         collegemsg (the real log in shared/data/collegemsg) [SOURCE=synthetic]
#   -n, --count N         size of the synthetic workload                    [COUNT=200000]
#       --accounts N      accounts of the synthetic workload                [ACCOUNTS=20000]
#       --repeat K        collegemsg: replay the log K times back to back   [REPEAT=1]
#       --seed S          seed of the synthetic workload and query sample   [SEED=1]
#   -o, --out DIR         results directory: peers-results.json, peers-results.md, peers-raw.jsonl,
#                         logs/                                             [OUT_DIR=/tmp/scoringgrid-peers]
#       --systems LIST    redis,postgresql or one of them                   [SYSTEMS=redis,postgresql]
#       --query-seconds S time limit of each query measurement              [QUERY_SECONDS=10]
#       --query-count N   call limit of each query measurement              [QUERY_COUNT=200000]
#       --query-connections C  connections of the query drivers             [QUERY_CONNECTIONS=4]
#       --query-depth D   Redis: commands in flight per query connection    [QUERY_DEPTH=32]
#       --ingest-connections C  Redis: connections replaying the workload   [INGEST_CONNECTIONS=2]
#       --ingest-depth D  Redis: FCALLs in flight per ingest connection     [INGEST_DEPTH=512]
#       --batch B         PostgreSQL: rows per COPY (one commit each)       [BATCH=10000]
#       --load-seconds S  time limit of each load (a load cut short fails)  [LOAD_SECONDS=600]
#       --check           only the correctness check (hand-made interactions), then exit
#       --no-check        skip the correctness checks                       [NO_CHECK=0]
#       --pin             servers on CPU 0, drivers on CPU 1 (taskset)      [PIN=0]
#       --busy-limit PCT  a run during which other processes used more than PCT % of all
#                         CPUs is flagged (*) in the table                  [BUSY_LIMIT=10]
#       --wait-idle SEC   before each measured phase, wait up to SEC for the machine to be
#                         quiet (busy <= BUSY_LIMIT); 0 = do not wait       [WAIT_IDLE=0]
#       --timeout SEC     limit of the whole script                         [TIMEOUT=3600]
#       --no-build        use the existing PeerBench build                  [NO_BUILD=0]
#   -h, --help
#
# Exit status: 0 when every measurement completed without errors and the checks passed,
# 1 otherwise, 2 on bad usage. Only 127.0.0.1 is contacted; everything started is stopped on exit.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$script_dir/../../.." && pwd)"
orig_args="$*"

WORKLOAD_FILE="${WORKLOAD_FILE:-}"
RUNS="${RUNS:-3}"
SOURCE="${SOURCE:-synthetic}"
COUNT="${COUNT:-200000}"
ACCOUNTS="${ACCOUNTS:-20000}"
REPEAT="${REPEAT:-1}"
SEED="${SEED:-1}"
OUT_DIR="${OUT_DIR:-/tmp/scoringgrid-peers}"
SYSTEMS="${SYSTEMS:-redis,postgresql}"
QUERY_SECONDS="${QUERY_SECONDS:-10}"
QUERY_COUNT="${QUERY_COUNT:-200000}"
QUERY_CONNECTIONS="${QUERY_CONNECTIONS:-4}"
QUERY_DEPTH="${QUERY_DEPTH:-32}"
INGEST_CONNECTIONS="${INGEST_CONNECTIONS:-2}"
INGEST_DEPTH="${INGEST_DEPTH:-512}"
BATCH="${BATCH:-10000}"
LOAD_SECONDS="${LOAD_SECONDS:-600}"
CHECK_ONLY=0
NO_CHECK="${NO_CHECK:-0}"
PIN="${PIN:-0}"
BUSY_LIMIT="${BUSY_LIMIT:-10}"
WAIT_IDLE="${WAIT_IDLE:-0}"
TIMEOUT="${TIMEOUT:-3600}"
NO_BUILD="${NO_BUILD:-0}"
COLLEGEMSG="${COLLEGEMSG:-$repo_dir/../shared/data/collegemsg/CollegeMsg.txt}"
[[ -f "$COLLEGEMSG" ]] || COLLEGEMSG="/work/shared/data/collegemsg/CollegeMsg.txt"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die_usage() { echo "run-peers.sh: $*" >&2; echo "see --help" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    -r|--runs) RUNS="$2"; shift 2 ;;
    --source) SOURCE="$2"; shift 2 ;;
    -n|--count) COUNT="$2"; shift 2 ;;
    --accounts) ACCOUNTS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -o|--out) OUT_DIR="$2"; shift 2 ;;
    --systems) SYSTEMS="$2"; shift 2 ;;
    --query-seconds) QUERY_SECONDS="$2"; shift 2 ;;
    --query-count) QUERY_COUNT="$2"; shift 2 ;;
    --query-connections) QUERY_CONNECTIONS="$2"; shift 2 ;;
    --query-depth) QUERY_DEPTH="$2"; shift 2 ;;
    --ingest-connections) INGEST_CONNECTIONS="$2"; shift 2 ;;
    --ingest-depth) INGEST_DEPTH="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --load-seconds) LOAD_SECONDS="$2"; shift 2 ;;
    --check) CHECK_ONLY=1; shift ;;
    --no-check) NO_CHECK=1; shift ;;
    --pin) PIN=1; shift ;;
    --busy-limit) BUSY_LIMIT="$2"; shift 2 ;;
    --wait-idle) WAIT_IDLE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die_usage "unknown option $1" ;;
    *) [[ -z "$WORKLOAD_FILE" ]] || die_usage "one workload file only"; WORKLOAD_FILE="$1"; shift ;;
  esac
done

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die_usage "--runs must be a positive integer"
[[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die_usage "--timeout must be a positive integer"
[[ "$SOURCE" == synthetic || "$SOURCE" == collegemsg ]] || die_usage "--source synthetic|collegemsg"
want_redis=0; want_pg=0
IFS=',' read -ra _systems <<< "$SYSTEMS"
for s in "${_systems[@]}"; do
  case "$s" in
    redis) want_redis=1 ;;
    postgresql|postgres) want_pg=1 ;;
    *) die_usage "unknown system '$s'" ;;
  esac
done

started_at=$(date +%s)
deadline=$((started_at + TIMEOUT))
remaining() { local r=$((deadline - $(date +%s))); (( r > 0 )) || r=1; echo "$r"; }
log() { echo "[peers $(date +%H:%M:%S)] $*" >&2; }

mkdir -p "$OUT_DIR/logs"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
work="$(mktemp -d /tmp/scoringgrid-peers.XXXXXX)"
chmod 755 "$work"
redis_pids=()
pg_data=""
watchdog_pid=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${redis_pids[@]}"; do
    stop_pid "$pid"
  done
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    if [[ -f "$pg_data/postmaster.pid" ]]; then
      local ppid; ppid=$(head -1 "$pg_data/postmaster.pid" 2>/dev/null || true)
      [[ -n "$ppid" ]] && kill -9 "$ppid" 2>/dev/null || true
    fi
  fi
  [[ -n "$watchdog_pid" ]] && kill "$watchdog_pid" 2>/dev/null || true
  cp -f "$work"/*.log "$OUT_DIR/logs/" 2>/dev/null || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# A watchdog bounds the whole script in time: it signals this shell, whose trap stops everything.
main_pid=$$
(
  trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
  sleep "$TIMEOUT" & sleep_pid=$!
  wait "$sleep_pid"
  echo "[peers] time limit of ${TIMEOUT}s reached, stopping" >&2
  kill -TERM "$main_pid"
) &
watchdog_pid=$!

server_cpu=(); driver_cpu=()
if [[ "$PIN" == 1 ]] && command -v taskset >/dev/null && (( $(nproc) >= 2 )); then
  server_cpu=(taskset -c 0); driver_cpu=(taskset -c 1)
fi

# ---------------------------------------------------------------- prerequisites
apt_updated=0
apt_install() {
  [[ $(id -u) == 0 ]] || { echo "run-peers.sh: $1 is missing; install it (apt-get install $1) or run as root" >&2; exit 1; }
  if [[ $apt_updated == 0 ]]; then
    log "apt-get update"
    timeout "$(remaining)" apt-get update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
    apt_updated=1
  fi
  log "apt-get install $1"
  DEBIAN_FRONTEND=noninteractive timeout "$(remaining)" apt-get install -y -qq "$1" >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; exit 1; }
}

if [[ $want_redis == 1 ]]; then
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server
  # The Debian package starts its own service; the peers use servers of their own on other ports.
fi
pg_bin=""
if [[ $want_pg == 1 ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  id postgres >/dev/null 2>&1 || { echo "run-peers.sh: no postgres user (the postgresql package creates it)" >&2; exit 1; }
fi
command -v dotnet >/dev/null || { echo "run-peers.sh: dotnet is required" >&2; exit 1; }

free_port() {
  python3 - 2>/dev/null <<'EOF' || { local p; while :; do p=$((20000 + RANDOM % 40000)); ss -ltn 2>/dev/null | grep -q ":$p " || { echo "$p"; return; }; done; }
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
EOF
}

# ---------------------------------------------------------------- build
bin_dir="$script_dir/PeerBench/bin/peers"
if [[ "$NO_BUILD" != 1 || ! -f "$bin_dir/PeerBench.dll" ]]; then
  log "building PeerBench"
  timeout "$(remaining)" dotnet build "$script_dir/PeerBench/PeerBench.csproj" -c Release -o "$bin_dir" -nologo -v quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "run-peers.sh: build failed" >&2; exit 1; }
fi
peerbench() { timeout "$(remaining)" "${driver_cpu[@]}" dotnet "$bin_dir/PeerBench.dll" "$@"; }

# ---------------------------------------------------------------- servers
# start_redis NAME FSYNC -> sets redis_port, redis_pid (a fresh data directory each time)
start_redis() {
  local name="$1" fsync="$2" dir="$work/redis-$1" i
  rm -rf "$dir"; mkdir -p "$dir"
  redis_port=$(free_port)
  "${server_cpu[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --protected-mode yes --daemonize no \
    --dir "$dir" --appendonly yes --appendfsync "$fsync" --save "" --dbfilename dump.rdb \
    --logfile "$work/redis-$name.log" --maxclients 1000 &
  redis_pid=$!
  redis_pids+=("$redis_pid")
  for i in $(seq 1 100); do
    if [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" == PONG ]]; then return 0; fi
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-peers.sh: redis did not start (log: $work/redis-$name.log)" >&2
  tail -20 "$work/redis-$name.log" >&2 || true
  exit 1
}
stop_redis() {
  local pid="$1" kept=()
  stop_pid "$pid"
  for p in "${redis_pids[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  redis_pids=("${kept[@]}")
}

pg_settings=(-c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on
             -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min
             -c max_connections=50 -c log_min_messages=warning)
start_pg() {
  pg_root="$work/pg"
  mkdir -p "$pg_root/sock"
  chown -R postgres "$pg_root"
  pg_data="$pg_root/data"
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
  runuser -u postgres -- "${server_cpu[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_root/postgresql.log" -w -t 60 \
    -o "-p $pg_port -c unix_socket_directories=$pg_root/sock ${pg_settings[*]}" start >"$work/pg_ctl.log" 2>&1 \
    || { cat "$work/pg_ctl.log" "$pg_root/postgresql.log" >&2; exit 1; }
}

# ---------------------------------------------------------------- correctness check
status=0
run_check() {
  local rport=0 pport=0 rpid=""
  if [[ $want_redis == 1 ]]; then start_redis check everysec; rport=$redis_port; rpid=$redis_pid; fi
  [[ $want_pg == 1 ]] && pport=$pg_port
  log "correctness check (hand-made interactions)"
  if peerbench check --redis-port "$rport" --pg-port "$pport" | tee "$OUT_DIR/check.txt"; then :; else status=1; fi
  [[ -n "$rpid" ]] && stop_redis "$rpid"
  return 0
}

[[ $want_pg == 1 ]] && start_pg
if [[ $CHECK_ONLY == 1 ]]; then
  run_check
  exit "$status"
fi
[[ "$NO_CHECK" == 1 ]] || run_check
if [[ $status != 0 ]]; then
  echo "run-peers.sh: the correctness check failed; not measuring" >&2
  exit 1
fi

# ---------------------------------------------------------------- workload
if [[ -z "$WORKLOAD_FILE" ]]; then
  if [[ "$SOURCE" == collegemsg ]]; then
    [[ -f "$COLLEGEMSG" ]] || { echo "run-peers.sh: $COLLEGEMSG not found" >&2; exit 1; }
    WORKLOAD_FILE="$OUT_DIR/workload-collegemsg-x$REPEAT.jsonl"
    workload_desc="CollegeMsg x$REPEAT"
    [[ -s "$WORKLOAD_FILE" ]] || peerbench workload collegemsg --in "$COLLEGEMSG" --out "$WORKLOAD_FILE" --repeat "$REPEAT"
  else
    WORKLOAD_FILE="$OUT_DIR/workload-synthetic-n$COUNT-a$ACCOUNTS-s$SEED.jsonl"
    workload_desc="synthetic n=$COUNT accounts=$ACCOUNTS seed=$SEED"
    [[ -s "$WORKLOAD_FILE" ]] || peerbench workload synthetic --out "$WORKLOAD_FILE" --count "$COUNT" --accounts "$ACCOUNTS" --seed "$SEED"
  fi
else
  [[ -f "$WORKLOAD_FILE" ]] || die_usage "workload file $WORKLOAD_FILE not found"
  WORKLOAD_FILE="$(cd "$(dirname "$WORKLOAD_FILE")" && pwd)/$(basename "$WORKLOAD_FILE")"
  workload_desc="file"
fi
peerbench workload info --file "$WORKLOAD_FILE" >"$OUT_DIR/workload-info.json"
log "workload $WORKLOAD_FILE: $(cat "$OUT_DIR/workload-info.json")"

# ---------------------------------------------------------------- measurements
raw="$OUT_DIR/peers-raw.jsonl"
: >"$raw"
probe_opts=(--wait-idle "$WAIT_IDLE" --busy-limit "$BUSY_LIMIT" --max-seconds "$LOAD_SECONDS")
query_opts=(--query-seconds "$QUERY_SECONDS" --query-count "$QUERY_COUNT" --query-connections "$QUERY_CONNECTIONS" --seed "$SEED")
for run in $(seq 1 "$RUNS"); do
  sample_redis_pid=""; sample_redis_port=0
  if [[ $want_redis == 1 ]]; then
    for fsync in everysec always; do
      start_redis "$fsync-$run" "$fsync"
      extra=()
      [[ "$fsync" == everysec ]] && extra=(--queries "${query_opts[@]}" --query-depth "$QUERY_DEPTH")
      log "run $run/$RUNS: redis appendfsync $fsync"
      peerbench redis --port "$redis_port" --file "$WORKLOAD_FILE" --config "appendfsync $fsync" --raw "$raw" --run "$run" \
        --server-pid "$redis_pid" "${probe_opts[@]}" --ingest-connections "$INGEST_CONNECTIONS" --ingest-depth "$INGEST_DEPTH" "${extra[@]}" || status=1
      if [[ $run == 1 && "$fsync" == everysec ]]; then
        sample_redis_pid=$redis_pid; sample_redis_port=$redis_port
      else
        stop_redis "$redis_pid"
      fi
    done
  fi
  if [[ $want_pg == 1 ]]; then
    pg_pid=$(head -1 "$pg_data/postmaster.pid")
    log "run $run/$RUNS: postgresql COPY"
    peerbench postgres --port "$pg_port" --file "$WORKLOAD_FILE" --load plain --raw "$raw" --run "$run" --batch "$BATCH" \
      --server-pid "$pg_pid" "${probe_opts[@]}" || status=1
    log "run $run/$RUNS: postgresql COPY + dedupe, queries"
    pgbench_opts=()
    [[ -x "$pg_bin/pgbench" ]] && pgbench_opts=(--pgbench "$pg_bin/pgbench" --work-dir "$work/pgbench")
    peerbench postgres --port "$pg_port" --file "$WORKLOAD_FILE" --load dedupe --raw "$raw" --run "$run" --batch "$BATCH" \
      --server-pid "$pg_pid" "${probe_opts[@]}" --queries "${query_opts[@]}" "${pgbench_opts[@]}" || status=1
  fi
  if [[ $run == 1 && "$NO_CHECK" != 1 ]]; then
    log "checking a sample of the workload's pairs and accounts against the formulas"
    pport=0; [[ $want_pg == 1 ]] && pport=$pg_port
    peerbench check-sample --redis-port "$sample_redis_port" --pg-port "$pport" --file "$WORKLOAD_FILE" --seed "$SEED" \
      | tail -20 | tee "$OUT_DIR/check-sample.txt" || status=1
    grep -q ' 0 failed$' "$OUT_DIR/check-sample.txt" || status=1
  fi
  [[ -n "$sample_redis_pid" ]] && stop_redis "$sample_redis_pid"
done

# ---------------------------------------------------------------- summary
meta=(--meta "workload_file=$WORKLOAD_FILE" --meta "workload_source=$workload_desc" --meta "runs=$RUNS"
      --meta "command=tests/bench/peers/run-peers.sh $orig_args" --meta "pin=$PIN"
      --meta "query_seconds=$QUERY_SECONDS" --meta "query_count=$QUERY_COUNT" --meta "query_connections=$QUERY_CONNECTIONS"
      --meta "redis_query_depth=$QUERY_DEPTH" --meta "redis_ingest_connections=$INGEST_CONNECTIONS"
      --meta "redis_ingest_depth=$INGEST_DEPTH" --meta "postgresql_batch=$BATCH" --meta "wait_idle=$WAIT_IDLE")
if [[ $want_redis == 1 ]]; then meta+=(--meta "redis_version=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"); fi
if [[ $want_pg == 1 ]]; then
  meta+=(--meta "postgresql_version=$("$pg_bin/postgres" --version | awk '{print $NF}')"
         --meta "postgresql_settings=${pg_settings[*]}")
fi
echo
timeout "$(remaining)" dotnet "$bin_dir/PeerBench.dll" summarize --raw "$raw" --json "$OUT_DIR/peers-results.json" --markdown "$OUT_DIR/peers-results.md" \
  --workload-info "$OUT_DIR/workload-info.json" --busy-limit "$BUSY_LIMIT" "${meta[@]}"
echo
log "results: $OUT_DIR/peers-results.json and $OUT_DIR/peers-results.md"
[[ $status == 0 ]] || log "some measurement or check failed (see above)"
exit "$status"
