#!/usr/bin/env bash
# h2load throughput comparison of a unary gRPC echo call (/bench.echo.Echo/Echo).
#
# Targets (contract: tests/bench/h2load/echo.proto):
#   bare-kestrel           tests/bench/peers/BareKestrelEcho  Kestrel h2c + hand-rolled gRPC framing,
#                          dispatched by app.MapPost (routing + minimal API) (the ceiling, ratio base)
#   bare-kestrel-terminal  the same binary with --terminal: the same handler as a terminal
#                          app.Run middleware, no routing (a stricter ceiling)
#   cpp-grpc               tests/bench/peers/cpp-echo          libgrpc++ callback-API server
#   scoringgrid            tests/bench/ScoringGrid.Bench.EchoServer  ScoringGrid's own gRPC layer
#                          (started as `dotnet <dll> --port <port>`; skipped if the project is missing)
# The .NET targets' GC settings (runtimeconfig.json System.GC.* plus any DOTNET_/COMPlus_ GC
# variables in the environment) are logged and recorded; a target whose settings differ from
# scoringgrid's gets a note in the results.
#
# For each target: build, start on a free loopback port, wait until it serves,
# check one call by curl (HTTP 200, application/grpc, grpc-status 0 in the
# trailers, echoed body), warm up, run h2load RUNS times, stop the server.
# A run counts only if h2load reports every request succeeded (0 failed,
# 0 errored, 0 timeout, all 2xx) and the response DATA bytes equal
# N x the echoed frame size. The median req/s of the counted runs is reported
# with its ratio to bare-kestrel and, when bare-kestrel-terminal was measured,
# also to bare-kestrel-terminal, on stdout and in the results file.
# The box is shared, so each run also measures the CPU used by *other*
# processes (system-wide busy time minus the server's and h2load's own), over
# 0.5 s before the run and during it, as % of all CPUs. A run where that
# exceeds BUSY_LIMIT (e.g. a build running beside it) still counts but is
# flagged with *; --wait-idle makes each run wait for a quiet machine first.
#
# Usage: tests/bench/h2load/run.sh [options]     (each option also has an env var)
#   -s, --payload BYTES     payload size of EchoMessage.payload  [PAYLOAD_SIZE=16]
#   -n, --requests N        requests per measured run            [REQUESTS=200000]
#   -c, --connections C     h2load connections                   [CONNECTIONS=4]
#   -m, --streams M         max concurrent streams per connection[STREAMS=32]
#   -t, --threads T         h2load client threads                [THREADS=1]
#   -r, --runs R            measured runs per target (median)    [RUNS=3]
#   -w, --warmup SEC        warm-up seconds of the same load per target, 0 = none
#                           (time-based so that .NET tiered JIT/PGO settles)   [WARMUP_SECONDS=5]
#       --targets LIST      comma-separated subset of:
#                           bare-kestrel,bare-kestrel-terminal,cpp-grpc,scoringgrid
#                                                                [TARGETS=all four]
#   -o, --results PATH      results file; *.json = JSON, else markdown with a JSON block
#                                                                [RESULTS_FILE=/tmp/h2load-results.md]
#       --run-timeout SEC   hard limit for one h2load invocation [RUN_TIMEOUT=300]
#       --startup-timeout SEC  limit for a server to start serving [STARTUP_TIMEOUT=60]
#       --interleave        start all targets first, then measure round-robin (run 1 of
#                           every target, then run 2, ... with a rotating order and a
#                           1 s re-warm before each run), so slow drift of this shared
#                           VM hits every target alike; default is one target at a time
#                                                                [INTERLEAVE=0]
#       --pin               pin servers to CPU 0 and h2load to CPU 1 (taskset) [PIN=0]
#       --no-build          use existing builds                  [NO_BUILD=0]
#       --busy-limit PCT    flag runs where other processes used more than PCT % of
#                           all CPUs before or during the run      [BUSY_LIMIT=10]
#       --wait-idle SEC     before each run, wait up to SEC for other processes' CPU use
#                           to drop to BUSY_LIMIT or below (0 = do not wait) [WAIT_IDLE=0]
#   -h, --help
#
# Exit status: 0 when every selected target that exists produced a result,
# 1 otherwise (build/start/verify failure or no counted run), 2 on bad usage.
# Only 127.0.0.1 is ever contacted. Servers are always stopped on exit.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_dir="$(cd "$script_dir/.." && pwd)"

PAYLOAD_SIZE="${PAYLOAD_SIZE:-16}"
REQUESTS="${REQUESTS:-200000}"
CONNECTIONS="${CONNECTIONS:-4}"
STREAMS="${STREAMS:-32}"
THREADS="${THREADS:-1}"
RUNS="${RUNS:-3}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
TARGETS="${TARGETS:-bare-kestrel,bare-kestrel-terminal,cpp-grpc,scoringgrid}"
RESULTS_FILE="${RESULTS_FILE:-/tmp/h2load-results.md}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"
PIN="${PIN:-0}"
INTERLEAVE="${INTERLEAVE:-0}"
NO_BUILD="${NO_BUILD:-0}"
BUSY_LIMIT="${BUSY_LIMIT:-10}"
WAIT_IDLE="${WAIT_IDLE:-0}"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
quoted() { local q; printf -v q '%q ' "$@"; echo "${q% }"; }

while (($#)); do
  case "$1" in
    -s|--payload) PAYLOAD_SIZE="${2:?}"; shift 2 ;;
    -n|--requests) REQUESTS="${2:?}"; shift 2 ;;
    -c|--connections) CONNECTIONS="${2:?}"; shift 2 ;;
    -m|--streams) STREAMS="${2:?}"; shift 2 ;;
    -t|--threads) THREADS="${2:?}"; shift 2 ;;
    -r|--runs) RUNS="${2:?}"; shift 2 ;;
    -w|--warmup) WARMUP_SECONDS="${2:?}"; shift 2 ;;
    --targets) TARGETS="${2:?}"; shift 2 ;;
    -o|--results) RESULTS_FILE="${2:?}"; shift 2 ;;
    --run-timeout) RUN_TIMEOUT="${2:?}"; shift 2 ;;
    --startup-timeout) STARTUP_TIMEOUT="${2:?}"; shift 2 ;;
    --pin) PIN=1; shift ;;
    --interleave) INTERLEAVE=1; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    --busy-limit) BUSY_LIMIT="${2:?}"; shift 2 ;;
    --wait-idle) WAIT_IDLE="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
for v in PAYLOAD_SIZE WARMUP_SECONDS BUSY_LIMIT WAIT_IDLE; do is_uint "${!v}" || die "$v must be a non-negative integer"; done
for v in REQUESTS CONNECTIONS STREAMS THREADS RUNS RUN_TIMEOUT STARTUP_TIMEOUT; do
  { is_uint "${!v}" && ((${!v} > 0)); } || die "$v must be a positive integer"
done
((THREADS <= CONNECTIONS)) || die "threads ($THREADS) must not exceed connections ($CONNECTIONS)"
((REQUESTS >= CONNECTIONS)) || die "requests ($REQUESTS) must be at least connections ($CONNECTIONS)"

all_targets=(bare-kestrel bare-kestrel-terminal cpp-grpc scoringgrid)
IFS=',' read -r -a selected <<<"$TARGETS"
((${#selected[@]})) || die "no targets selected"
for t in "${selected[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || die "unknown target '$t' (known: ${all_targets[*]})"
done

PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
  if [[ -x /usr/bin/python3 ]]; then PYTHON=/usr/bin/python3; else PYTHON="$(command -v python3 || true)"; fi
fi
for tool in h2load curl timeout "$PYTHON"; do
  if [[ -z "$tool" ]] || ! command -v "$tool" >/dev/null 2>&1; then die "missing tool: ${tool:-python3}"; fi
done
if ((PIN)); then
  command -v taskset >/dev/null 2>&1 || die "--pin needs taskset"
  (($(nproc) >= 2)) || die "--pin needs at least 2 CPUs"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work_dir="$(mktemp -d /tmp/h2load-bench.XXXXXX)"
runs_tsv="$work_dir/runs.tsv"       # target run reqps succeeded failed errored timeout s2xx data_bytes counted other_before other_during
targets_tsv="$work_dir/targets.tsv" # target status note gc
: >"$runs_tsv"
: >"$targets_tsv"

declare -A server_pids=() server_logs=() server_ports=() target_status=() target_notes=() target_gc=()
declare -A built_projects=() # csproj -> 1 once built in this run (two targets share BareKestrelEcho)
child_pid=""

stop_server() { # name
  local pid="${server_pids[$1]:-}"
  [[ -n "$pid" ]] || return 0
  unset 'server_pids[$1]'
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$1: server pid $pid did not exit on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # called from cleanup (trap)
stop_all_servers() {
  local name
  for name in "${!server_pids[@]}"; do stop_server "$name"; done
}

# shellcheck disable=SC2317  # invoked through the trap below
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$child_pid" ]]; then
    kill -TERM "$child_pid" 2>/dev/null || true
    wait "$child_pid" 2>/dev/null || true
  fi
  stop_all_servers
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so that the traps above
# fire at once and can end it. Returns the command's exit status.
run_child() {
  "$@" &
  child_pid=$!
  local rc=0
  wait "$child_pid" || rc=$?
  child_pid=""
  return "$rc"
}

# ---------------------------------------------------------------- request body
body_file="$work_dir/body.bin"
"$PYTHON" - "$PAYLOAD_SIZE" "$body_file" <<'PY'
import struct, sys

size, path = int(sys.argv[1]), sys.argv[2]

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

payload = bytes((i * 31 + 7) & 0xFF for i in range(size))
# EchoMessage { bytes payload = 1; }: tag (1 << 3 | 2) = 0x0A, length, bytes.
# proto3 omits a field that holds its default (empty bytes).
message = (b"\x0a" + varint(size) + payload) if size else b""
with open(path, "wb") as f:
    f.write(b"\x00" + struct.pack(">I", len(message)) + message)
PY
frame_bytes=$(stat -c %s "$body_file")
log "request frame: $frame_bytes bytes (payload $PAYLOAD_SIZE bytes) in $body_file"

# ------------------------------------------------------------------- helpers
free_port() {
  "$PYTHON" - <<'PY'
import random, socket
# Stay below the usual ephemeral range (32768-60999) so that h2load's own
# client sockets cannot take the port between this check and the server bind.
for _ in range(200):
    port = random.randint(20000, 32000)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    # Nothing may be listening on it either.
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.settimeout(0.2)
    try:
        c.connect(("127.0.0.1", port))
        c.close()
        continue
    except OSError:
        c.close()
    print(port)
    raise SystemExit(0)
raise SystemExit("no free port found")
PY
}

# --- CPU accounting (ticks of USER_HZ), to tell other processes' load apart.
clk_tck="$(getconf CLK_TCK)"

read_cpu() { # sets cpu_total, cpu_busy (user+nice+system, all CPUs) from /proc/stat
  local _label user nice system idle iowait irq softirq steal _rest
  read -r _label user nice system idle iowait irq softirq steal _rest </proc/stat
  cpu_busy=$((user + nice + system))
  cpu_total=$((user + nice + system + idle + iowait + irq + softirq + steal))
}

proc_ticks() { # pid -> utime+stime of the whole process (all threads), 0 if gone
  local stat fields
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  read -r -a fields <<<"${stat##*) }" # fields[0] is field 3 (state)
  echo $((fields[11] + fields[12]))
}

children_ticks() { # file holding the output of the `times` builtin -> ticks
  local line user sys
  line="$(sed -n 2p "$1")" # children's user and system time, e.g. 0m1.234s 0m0.056s
  read -r user sys <<<"$line"
  echo $(((($(time_ms "$user") + $(time_ms "$sys")) * clk_tck) / 1000))
}

time_ms() { # 1m2.345s -> 62345
  local m="${1%%m*}" sec="${1#*m}"
  sec="${sec%s}"
  echo $((10#$m * 60000 + 10#${sec%.*} * 1000 + 10#${sec#*.}))
}

other_pct() { # busy_delta total_delta own_ticks -> % of all CPUs used by others
  local other=$(($1 - $3))
  if ((other < 0)); then other=0; fi
  if (($2 <= 0)); then echo 0; else echo $(((100 * other) / $2)); fi
}

# CPU % of all CPUs used over 0.5 s by processes other than the server pid.
other_cpu_pct_idle() { # server_pid
  local t0 b0 s0 s1
  read_cpu
  t0=$cpu_total b0=$cpu_busy
  s0="$(proc_ticks "$1")"
  sleep 0.5
  read_cpu
  s1="$(proc_ticks "$1")"
  other_pct $((cpu_busy - b0)) $((cpu_total - t0)) $((s1 - s0))
}

url_for() { echo "http://127.0.0.1:$1/bench.echo.Echo/Echo"; }

client_prefix=()
server_prefix=()
if ((PIN)); then
  server_prefix=(taskset -c 0)
  client_prefix=(taskset -c 1)
fi

h2load_cmd() { # port n [extra h2load options...] -> sets the array h2load_args
  local port="$1" n="$2" c="$CONNECTIONS" t="$THREADS"
  shift 2
  if ((c > n)); then c="$n"; fi
  if ((t > c)); then t="$c"; fi
  h2load_args=("${client_prefix[@]}" h2load -n "$n" -c "$c" -m "$STREAMS" -t "$t"
    -N 10s "$@" -d "$body_file"
    -H 'content-type: application/grpc' -H 'te: trailers'
    "$(url_for "$port")")
}

# Parses h2load output; prints: reqps succeeded failed errored timeout s2xx data_bytes
parse_h2load() {
  "$PYTHON" - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
def grab(pattern):
    m = re.search(pattern, text, re.M)
    return m.groups() if m else None
fin = grab(r"^finished in [^,]+, ([0-9.]+) req/s")
req = grab(r"^requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout")
st = grab(r"^status codes: (\d+) 2xx")
tr = grab(r"^traffic: .*?, \S+ \((\d+)\) data")
if not (fin and req and st and tr):
    print("- - - - - - -")
else:
    print(fin[0], req[3], req[4], req[5], req[6], st[0], tr[0])
PY
}

# ---------------------------------------------------------------- targets
# Each target: build_<name> sets target_cmd (array) or returns non-zero with
# target_note set; missing projects set target_skip=1.
target_cmd=()
target_note=""
target_skip=0

dotnet_target_path() { # csproj -> prints TargetPath of the Release build
  dotnet msbuild -nologo -nodeReuse:false -getProperty:TargetPath -p:Configuration=Release "$1"
}

# GC configuration a .NET target runs with: System.GC.* from <app>.runtimeconfig.json
# (absent = runtime default) and DOTNET_/COMPlus_ GC variables in this environment.
dotnet_gc_settings() { # dll
  "$PYTHON" - "${1%.dll}.runtimeconfig.json" <<'PY'
import json, os, sys
try:
    props = json.load(open(sys.argv[1])).get("runtimeOptions", {}).get("configProperties", {})
except (OSError, ValueError) as e:
    print("runtimeconfig unreadable (%s)" % e.__class__.__name__)
    raise SystemExit(0)
gc = ["%s=%s" % (k, json.dumps(v)) for k, v in sorted(props.items()) if k.startswith("System.GC.")]
env = ["%s=%s" % (k, v) for k, v in sorted(os.environ.items())
       if k.upper().startswith(("DOTNET_GC", "COMPLUS_GC"))]
print(", ".join(gc + ["env " + e for e in env]) or "runtime defaults")
PY
}

build_dotnet() { # name project_dir [extra server args before --port...]
  local name="$1" dir="$2" csproj dll blog="$work_dir/build-$1.log"
  shift 2
  csproj="$(find "$dir" -maxdepth 1 -name '*.csproj' 2>/dev/null | head -n 1)"
  if [[ -z "$csproj" ]]; then
    target_skip=1
    target_note="project not found: ${dir#"$bench_dir"/} (no *.csproj)"
    return 1
  fi
  if ((!NO_BUILD)) && [[ -n "${built_projects[$csproj]:-}" ]]; then
    log "$name: $csproj already built in this run"
  elif ((!NO_BUILD)); then
    log "$name: dotnet build -c Release $csproj"
    if ! run_child dotnet build -c Release -nologo --disable-build-servers "$csproj" >"$blog" 2>&1; then
      tail -n 30 "$blog" >&2
      target_note="build failed (log: $blog)"
      return 1
    fi
    built_projects[$csproj]=1
  fi
  if ! dll="$(dotnet_target_path "$csproj" 2>>"$blog")" || [[ ! -f "$dll" ]]; then
    target_note="built assembly not found (${dll:-?})"
    return 1
  fi
  target_cmd=(dotnet "$dll" "$@" --port)
  target_gc[$name]="$(dotnet_gc_settings "$dll")"
  log "$name: GC settings: ${target_gc[$name]}"
}

build_target() { # name
  target_cmd=()
  target_note=""
  target_skip=0
  case "$1" in
    bare-kestrel)
      build_dotnet "$1" "$bench_dir/peers/BareKestrelEcho"
      ;;
    bare-kestrel-terminal)
      build_dotnet "$1" "$bench_dir/peers/BareKestrelEcho" --terminal
      ;;
    scoringgrid)
      build_dotnet "$1" "$bench_dir/ScoringGrid.Bench.EchoServer"
      ;;
    cpp-grpc)
      local bin="${CPP_ECHO_BUILD_DIR:-$bench_dir/peers/cpp-echo/build}/echo_server"
      local blog="$work_dir/build-$1.log"
      if ((!NO_BUILD)); then
        log "$1: $bench_dir/peers/cpp-echo/build.sh"
        if ! bin="$(run_child "$bench_dir/peers/cpp-echo/build.sh" 2>"$blog")"; then
          tail -n 30 "$blog" >&2
          target_note="build failed (log: $blog)"
          return 1
        fi
      fi
      if [[ ! -x "$bin" ]]; then
        target_note="binary not found: $bin"
        return 1
      fi
      target_cmd=("$bin")
      ;;
  esac
}

# Starts "${target_cmd[@]} <port>" in the background.
start_server() { # name port
  local log_file="$work_dir/server-$1.log"
  "${server_prefix[@]}" "${target_cmd[@]}" "$2" >"$log_file" 2>&1 &
  server_pids[$1]=$!
  server_logs[$1]="$log_file"
  server_ports[$1]="$2"
}

wait_until_serving() { # name port -> 0 when 10 probe calls succeed
  local name="$1" port="$2" deadline=$((SECONDS + STARTUP_TIMEOUT)) out="$work_dir/probe-$1.txt"
  local pid="${server_pids[$1]}" server_log="${server_logs[$1]}"
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name: server exited during start-up; log tail:"
      tail -n 20 "$server_log" >&2
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      if run_child timeout -k 5 30 h2load -n 10 -c 1 -m 1 -N 5s -d "$body_file" \
          -H 'content-type: application/grpc' -H 'te: trailers' "$(url_for "$port")" >"$out" 2>&1 \
        && grep -q '^requests: 10 total, 10 started, 10 done, 10 succeeded, 0 failed, 0 errored, 0 timeout' "$out"; then
        return 0
      fi
    fi
    sleep 0.2
  done
  log "$name: not serving after ${STARTUP_TIMEOUT}s; server log tail:"
  tail -n 20 "$server_log" >&2 || true
  if [[ -s "$out" ]]; then
    log "$name: last probe:"
    cat "$out" >&2
  fi
  return 1
}

# One call by curl; checks status 200, application/grpc, grpc-status 0 in the
# trailers (not in the headers), and the echoed frame. Prints a reason on failure.
verify_call() { # name port
  local dump="$work_dir/verify-$1.headers" resp="$work_dir/verify-$1.body"
  if ! timeout -k 5 20 curl -sS --http2-prior-knowledge --max-time 10 \
      -H 'content-type: application/grpc' -H 'te: trailers' \
      --data-binary "@$body_file" -D "$dump" -o "$resp" "$(url_for "$2")"; then
    echo "curl failed"
    return 1
  fi
  "$PYTHON" - "$dump" "$resp" "$body_file" <<'PY'
import sys
dump, resp, req = (open(p, "rb").read() for p in sys.argv[1:4])
text = dump.decode("latin-1").replace("\r\n", "\n")
head, _, trailer = text.partition("\n\n")
lines = head.split("\n")
def fields(block):
    out = {}
    for line in block.split("\n"):
        if ":" in line:
            k, v = line.split(":", 1)
            out.setdefault(k.strip().lower(), v.strip())
    return out
h, t = fields("\n".join(lines[1:])), fields(trailer)
problems = []
if not lines[0].startswith("HTTP/2 200"):
    problems.append("status line %r" % lines[0])
if not h.get("content-type", "").startswith("application/grpc"):
    problems.append("content-type %r" % h.get("content-type"))
if "grpc-status" in h:
    problems.append("grpc-status %r sent in headers (trailers-only response)" % h["grpc-status"])
if t.get("grpc-status") != "0":
    problems.append("trailer grpc-status %r (grpc-message %r)" % (t.get("grpc-status"), t.get("grpc-message")))
if resp != req:
    problems.append("response body (%d bytes) differs from the request frame (%d bytes)" % (len(resp), len(req)))
if problems:
    print("; ".join(problems))
    raise SystemExit(1)
PY
}

# ---------------------------------------------------------------- main loop
# Builds, starts, probes, verifies and warms up one target; on failure records
# why and returns non-zero (the server, if started, is stopped).
prepare_target() { # name
  local name="$1" port reason
  if ! build_target "$name"; then
    if ((target_skip)); then
      log "$name: SKIPPED: $target_note"
      target_status[$name]=skipped
    else
      log "$name: FAILED: $target_note"
      target_status[$name]=failed
    fi
    target_notes[$name]="$target_note"
    return 1
  fi

  port="$(free_port)"
  log "$name: starting $(quoted "${server_prefix[@]}" "${target_cmd[@]}" "$port")"
  start_server "$name" "$port"
  if ! wait_until_serving "$name" "$port"; then
    target_status[$name]=failed
    target_notes[$name]="did not start serving (log: ${server_logs[$name]})"
    stop_server "$name"
    return 1
  fi
  if ! reason="$(verify_call "$name" "$port")"; then
    log "$name: verification call failed: $reason"
    target_status[$name]=failed
    target_notes[$name]="verification: $reason"
    stop_server "$name"
    return 1
  fi
  log "$name: serving on 127.0.0.1:$port; verification call OK (200, application/grpc, trailer grpc-status: 0, body echoed)"
  warm_up "$name" "$WARMUP_SECONDS"
}

warm_up() { # name seconds [label]
  (($2 > 0)) || return 0
  # Same load shape as the measured runs, for a fixed time (-D; -n is ignored).
  h2load_cmd "${server_ports[$1]}" "$REQUESTS" -D "$2"
  log "$1: ${3:-warm-up}: $(quoted "${h2load_args[@]}")"
  run_child timeout -k 5 "$RUN_TIMEOUT" "${h2load_args[@]}" >>"$work_dir/warmup-$1.txt" 2>&1 || true
}

measure_run() { # name run
  local name="$1" run="$2" out="$work_dir/run-$1-$2.txt" rc=0 counted=0
  local reqps ok failed errored tmo s2xx data before during
  local pid="${server_pids[$name]}" t0 b0 s0 s1 client
  before="$(other_cpu_pct_idle "$pid")"
  if ((before > BUSY_LIMIT && WAIT_IDLE > 0)); then
    local until=$((SECONDS + WAIT_IDLE))
    log "$name: other processes use ${before}% CPU; waiting up to ${WAIT_IDLE}s for the machine to go idle"
    while ((before > BUSY_LIMIT && SECONDS < until)); do
      sleep 1
      before="$(other_cpu_pct_idle "$pid")"
    done
  fi
  h2load_cmd "${server_ports[$name]}" "$REQUESTS"
  if ((run == 1)); then log "$name: command: $(quoted "${h2load_args[@]}")"; fi
  s0="$(proc_ticks "$pid")"
  read_cpu
  t0=$cpu_total b0=$cpu_busy
  # Only the h2load child is reaped between these two snapshots.
  times >"$work_dir/times.0"
  run_child timeout -k 5 "$RUN_TIMEOUT" "${h2load_args[@]}" >"$out" 2>&1 || rc=$?
  times >"$work_dir/times.1"
  read_cpu
  s1="$(proc_ticks "$pid")"
  client=$(($(children_ticks "$work_dir/times.1") - $(children_ticks "$work_dir/times.0")))
  during="$(other_pct $((cpu_busy - b0)) $((cpu_total - t0)) $((s1 - s0 + client)))"
  if ((before > BUSY_LIMIT || during > BUSY_LIMIT)); then
    log "$name: WARNING: other processes used ${before}% CPU before and ${during}% during run $run; the run is flagged"
  fi
  read -r reqps ok failed errored tmo s2xx data < <(parse_h2load "$out")
  if ((rc == 0)) && [[ "$reqps" != "-" ]] \
    && ((ok == REQUESTS && failed == 0 && errored == 0 && tmo == 0 && s2xx == REQUESTS)) \
    && ((data == REQUESTS * frame_bytes)); then
    counted=1
  fi
  if ((counted)); then
    log "$name: run $run: $reqps req/s"
  else
    log "$name: run $run NOT COUNTED: rc=$rc req/s=$reqps succeeded=$ok failed=$failed errored=$errored timeout=$tmo 2xx=$s2xx data=$data (expected $((REQUESTS * frame_bytes))); see $out"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$reqps" "$ok" "$failed" "$errored" "$tmo" "$s2xx" "$data" "$counted" "$before" "$during" >>"$runs_tsv"
}

log "work dir: $work_dir"
log "params: payload=${PAYLOAD_SIZE}B n=$REQUESTS c=$CONNECTIONS m=$STREAMS t=$THREADS runs=$RUNS warmup=${WARMUP_SECONDS}s interleave=$INTERLEAVE pin=$PIN targets=${selected[*]}"

if ((INTERLEAVE)); then
  ready=()
  for name in "${selected[@]}"; do
    if prepare_target "$name"; then ready+=("$name"); fi
  done
  for run in $(seq 1 "$RUNS"); do
    count=${#ready[@]}
    for ((i = 0; i < count; i++)); do
      name="${ready[$(((i + run - 1) % count))]}"
      warm_up "$name" 1 re-warm
      measure_run "$name" "$run"
    done
  done
  for name in "${ready[@]}"; do
    stop_server "$name"
    target_status[$name]=ran
  done
else
  for name in "${selected[@]}"; do
    prepare_target "$name" || continue
    for run in $(seq 1 "$RUNS"); do measure_run "$name" "$run"; done
    stop_server "$name"
    target_status[$name]=ran
  done
fi

for name in "${selected[@]}"; do
  printf '%s\t%s\t%s\t%s\n' "$name" "${target_status[$name]:-failed}" "${target_notes[$name]:-}" "${target_gc[$name]:-}" >>"$targets_tsv"
done

# ---------------------------------------------------------------- report
report_rc=0
B_PAYLOAD="$PAYLOAD_SIZE" B_FRAME="$frame_bytes" B_REQUESTS="$REQUESTS" B_CONNECTIONS="$CONNECTIONS" \
B_STREAMS="$STREAMS" B_THREADS="$THREADS" B_RUNS="$RUNS" B_WARMUP="$WARMUP_SECONDS" B_PIN="$PIN" B_INTERLEAVE="$INTERLEAVE" B_BUSY_LIMIT="$BUSY_LIMIT" \
B_H2LOAD="$(h2load --version 2>/dev/null | head -n 1)" \
  "$PYTHON" - "$runs_tsv" "$targets_tsv" "$RESULTS_FILE" <<'PY' || report_rc=$?
import datetime, json, os, statistics, sys

runs_tsv, targets_tsv, results = sys.argv[1:4]
E = os.environ
params = {
    "payload_bytes": int(E["B_PAYLOAD"]), "frame_bytes": int(E["B_FRAME"]),
    "requests": int(E["B_REQUESTS"]), "connections": int(E["B_CONNECTIONS"]),
    "streams": int(E["B_STREAMS"]), "threads": int(E["B_THREADS"]), "runs": int(E["B_RUNS"]),
    "warmup_seconds": int(E["B_WARMUP"]), "busy_limit_pct": int(E["B_BUSY_LIMIT"]), "pinned": E["B_PIN"] == "1", "interleaved": E["B_INTERLEAVE"] == "1", "cpus": os.cpu_count(),
    "h2load": E["B_H2LOAD"],
    "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
}

runs = {}
for line in open(runs_tsv):
    f = line.rstrip("\n").split("\t")
    def num(x):
        return None if x == "-" else float(x)
    runs.setdefault(f[0], []).append({
        "run": int(f[1]), "req_per_s": num(f[2]), "succeeded": num(f[3]), "failed": num(f[4]),
        "errored": num(f[5]), "timeout": num(f[6]), "status_2xx": num(f[7]),
        "data_bytes": num(f[8]), "counted": f[9] == "1", "other_cpu_pct_before": int(f[10]), "other_cpu_pct_during": int(f[11]),
    })

def flagged(run):
    limit = int(E["B_BUSY_LIMIT"])
    return run["other_cpu_pct_before"] > limit or run["other_cpu_pct_during"] > limit

rows, ok = [], True
for line in open(targets_tsv):
    name, status, note, gc = (line.rstrip("\n").split("\t") + ["", ""])[:4]
    r = runs.get(name, [])
    good = [x["req_per_s"] for x in r if x["counted"]]
    median = statistics.median(good) if good else None
    def total(key):
        return int(sum(x[key] or 0 for x in r))
    if status == "ran":
        if not good:
            status, note, ok = "failed", "no counted run", False
        elif len(good) < len(r):
            note = "%d of %d runs not counted" % (len(r) - len(good), len(r))
    elif status == "failed":
        ok = False
    busy = [x["run"] for x in r if flagged(x)]
    if busy:
        note = "; ".join(n for n in (note, "other load on the machine in run(s) %s (*)" % ", ".join(map(str, busy))) if n)
    rows.append({
        "target": name, "status": status, "note": note, "median_req_per_s": median,
        "runs_counted": len(good), "runs_total": len(r),
        "failed": total("failed"), "errored": total("errored"), "timeout": total("timeout"),
        "gc": gc or None,
        "runs": r,
    })

# All .NET targets should run with the GC configuration of the subject (scoringgrid).
ref_gc = next((x["gc"] for x in rows if x["target"] == "scoringgrid" and x["gc"]), None)
for x in rows:
    if ref_gc and x["gc"] and x["gc"] != ref_gc:
        x["note"] = "; ".join(n for n in (x["note"], "GC settings differ from scoringgrid: %s" % x["gc"]) if n)

def ratios(key, base_target):
    base = next((x["median_req_per_s"] for x in rows if x["target"] == base_target), None)
    for x in rows:
        m = x["median_req_per_s"]
        x[key] = round(m / base, 3) if (m and base) else None

ratio_cols = [("ratio_to_bare_kestrel", "vs bare-kestrel")]
ratios("ratio_to_bare_kestrel", "bare-kestrel")
# Second column only when bare-kestrel-terminal was measured (n/a if none of its runs counted).
if any(x["target"] == "bare-kestrel-terminal" and x["runs_total"] for x in rows):
    ratio_cols.append(("ratio_to_bare_kestrel_terminal", "vs bare-kestrel-terminal"))
    ratios("ratio_to_bare_kestrel_terminal", "bare-kestrel-terminal")

def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)

hdr = ("| target | median req/s | " + " | ".join(label for _, label in ratio_cols)
       + " | runs counted | failed | errored | timeout | req/s of each run | note |")
sep = "|---|---:|" + "---:|" * len(ratio_cols) + "---:|---:|---:|---:|---|---|"
lines = [hdr, sep]
for x in rows:
    each = ", ".join(fmt(r["req_per_s"], ",.0f") + ("" if r["counted"] else " (x)")
                     + ("*" if flagged(r) else "")
                     for r in x["runs"]) or "-"
    note = x["note"] if x["status"] in ("ran",) else "%s: %s" % (x["status"].upper(), x["note"])
    ratio_cells = " | ".join(fmt(x[key], ".2f") + ("x" if x[key] is not None else "") for key, _ in ratio_cols)
    lines.append("| %s | %s | %s | %d/%d | %d | %d | %d | %s | %s |" % (
        x["target"], fmt(x["median_req_per_s"], ",.0f"), ratio_cells,
        x["runs_counted"], x["runs_total"], x["failed"], x["errored"], x["timeout"], each, note))
table = "\n".join(lines)

p = params
desc = ("unary /bench.echo.Echo/Echo, payload %d B (frame %d B), h2load -n %d -c %d -m %d -t %d, "
        "%d runs (median%s), warm-up %d s, %s CPUs shared by client and server%s, %s"
        % (p["payload_bytes"], p["frame_bytes"], p["requests"], p["connections"], p["streams"],
           p["threads"], p["runs"],
           ", interleaved round-robin with 1 s re-warm per run" if p["interleaved"] else ", one target at a time",
           p["warmup_seconds"], p["cpus"],
           " (server on CPU 0, h2load on CPU 1)" if p["pinned"] else "", p["h2load"]))
doc = {"params": params, "results": rows}

os.makedirs(os.path.dirname(os.path.abspath(results)), exist_ok=True)
with open(results, "w") as f:
    if results.endswith(".json"):
        json.dump(doc, f, indent=2)
        f.write("\n")
    else:
        f.write("# h2load gRPC unary echo (%s)\n\n%s\n\n%s\n\n"
                "(x) = run not counted (h2load reported failures, or response bytes != N x frame). "
                "* = other processes used over %s%% of all CPUs just before or during the run.\n\n"
                "```json\n%s\n```\n" % (p["date"], desc, table, E["B_BUSY_LIMIT"], json.dumps(doc, indent=2)))

print()
print(desc)
print()
print(table)
print()
print("results written to %s" % results)
sys.exit(0 if ok else 1)
PY
log "logs and raw h2load output: $work_dir"
exit "$report_rc"
