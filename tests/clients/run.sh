#!/usr/bin/env bash
# Runs the tests of the clients against one live ScoringGrid server, after the solution was
# built in Release (tests/run.sh runs `dotnet test ScoringGrid.sln -c Release` first):
#   1. starts src/ScoringGrid.Server (Release build) on a free 127.0.0.1 port, with a temporary
#      data directory and one API key per tenant: python-tests, node-tests, compat-dotnet,
#      compat-python, compat-node (keys made up for this run, configured by their SHA-256);
#   2. the Python client's unittest suite and the compat harness's own unittest suite;
#   3. the Node.js client's tests (clients/node/test.sh when present, else npm ci && npm test);
#   4. the three compat runners (.NET, Python, Node.js) on clients/compat/scenario.json, each
#      in its own tenant, and clients/compat/compare.py over their outputs (one test).
# A suite or runner that is missing counts as a failure. Every step is bounded by `timeout`;
# the server is stopped on exit. Ends with one line "clients: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

server_dll="$root/src/ScoringGrid.Server/bin/Release/net10.0/ScoringGrid.Server.dll"
dotnet_compat_dll="$root/clients/dotnet/ScoringGrid.Client.Compat/bin/Release/net10.0/ScoringGrid.Client.Compat.dll"
scenario="$root/clients/compat/scenario.json"
python=/usr/bin/python3
# The server's decayed sums are order-independent only up to rounding (ForwardDecay): the same
# data in two tenants can differ in the last bits of a double. compare.py is exact by default.
compat_tolerance=1e-12

work=$(mktemp -d)
server_pid=""
passed=0
failed=0

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  server_pid=""
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  echo "clients: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# --- the server ----------------------------------------------------------------------------
tenants=(python-tests node-tests compat-dotnet compat-python compat-node)
declare -A key
key_args=()
for i in "${!tenants[@]}"; do
  tenant=${tenants[$i]}
  key[$tenant]="$tenant-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  sha=$(printf %s "${key[$tenant]}" | sha256sum | cut -d' ' -f1)
  key_args+=("--ScoringGrid:Auth:ApiKeys:$i:Tenant=$tenant" "--ScoringGrid:Auth:ApiKeys:$i:Sha256=$sha")
done

echo "== server"
if [ ! -f "$server_dll" ]; then
  fail "server not built: $server_dll (run: dotnet build ScoringGrid.sln -c Release)"
  finish
fi
mkdir -p "$work/data"
dotnet "$server_dll" --ScoringGrid:Port=0 --ScoringGrid:DataDirectory="$work/data" "${key_args[@]}" \
  >"$work/server.log" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 1 600); do         # at most 60 s
  address=$(grep -Eo 'ScoringGrid listening on http://127\.0\.0\.1:[0-9]+' "$work/server.log" | grep -Eo 'http://.*' || true)
  [ -n "$address" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$address" ]; then
  fail "the server did not start; its output:"
  tail -n 40 "$work/server.log"
  finish
fi
echo "server at $address"

# --- unittest suites -----------------------------------------------------------------------
# Adds a unittest run's counts (from its -v output) to the totals. Skipped tests count as
# failures: every test here is meant to run.
count_unittest() {
  local name=$1 log=$2 status=$3
  local ran summary f e s u x
  ran=$(grep -Eo '^Ran [0-9]+ tests?' "$log" | awk '{print $2}' | tail -n 1)
  summary=$(grep -E '^(OK|FAILED)' "$log" | tail -n 1)
  if [ -z "$ran" ] || [ -z "$summary" ]; then
    fail "$name: no unittest summary (exit status $status)"
    tail -n 30 "$log"
    return
  fi
  f=$(grep -Eo 'failures=[0-9]+' <<<"$summary" | cut -d= -f2); f=${f:-0}
  e=$(grep -Eo 'errors=[0-9]+' <<<"$summary" | cut -d= -f2); e=${e:-0}
  s=$(grep -Eo 'skipped=[0-9]+' <<<"$summary" | cut -d= -f2); s=${s:-0}
  u=$(grep -Eo 'unexpected successes=[0-9]+' <<<"$summary" | cut -d= -f2); u=${u:-0}
  x=$(grep -Eo 'expected failures=[0-9]+' <<<"$summary" | cut -d= -f2); x=${x:-0}
  local bad=$((f + e + s + u))
  local good=$((ran - f - e - s - u - x))
  echo "$name: $good passed, $bad failed (ran $ran)"
  passed=$((passed + good))
  failed=$((failed + bad))
  if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then fail "$name: exit status $status"; fi
}

echo "== python client tests"
SCORINGGRID_ADDRESS="$address" SCORINGGRID_API_KEY="${key[python-tests]}" \
  timeout 600 "$python" -m unittest discover -s clients/python/tests -t clients/python/tests -v >"$work/python.log" 2>&1
status=$?
grep -E ' \.\.\. (FAIL|ERROR|skipped)|^(FAIL|ERROR):' "$work/python.log" || true
grep -q -E '^(FAIL|ERROR):' "$work/python.log" && sed -n '/^=\{10,\}/,$p' "$work/python.log" | head -n 80
count_unittest "python client" "$work/python.log" "$status"

echo "== compat harness tests"
timeout 120 "$python" -m unittest discover -s clients/compat -p 'test_*.py' -v >"$work/compat-tests.log" 2>&1
status=$?
grep -q -E '^(FAIL|ERROR):' "$work/compat-tests.log" && sed -n '/^=\{10,\}/,$p' "$work/compat-tests.log" | head -n 80
count_unittest "compat harness" "$work/compat-tests.log" "$status"

# --- node ----------------------------------------------------------------------------------
echo "== node client tests"
if [ ! -f clients/node/package.json ]; then
  fail "node client: clients/node/package.json is missing"
else
  (
    cd clients/node || exit 1
    export SCORINGGRID_ADDRESS="$address" SCORINGGRID_API_KEY="${key[node-tests]}"
    if [ -f test.sh ]; then
      timeout 900 bash test.sh
    else
      timeout 300 npm ci --no-audit --no-fund && timeout 600 npm test
    fi
  ) >"$work/node.log" 2>&1
  status=$?
  np=$(grep -Eo '^(# |ℹ )pass [0-9]+' "$work/node.log" | awk '{print $3}' | tail -n 1)
  nf=$(grep -Eo '^(# |ℹ )fail [0-9]+' "$work/node.log" | awk '{print $3}' | tail -n 1)
  if [ -z "$np" ] && [ -z "$nf" ]; then
    fail "node client: no test counts (exit status $status)"
    tail -n 40 "$work/node.log"
  else
    np=${np:-0}; nf=${nf:-0}
    echo "node client: $np passed, $nf failed"
    passed=$((passed + np))
    failed=$((failed + nf))
    # Each failing test with its diagnostics (node's TAP output: "not ok" up to the next test).
    [ "$nf" -gt 0 ] && awk '/^ *not ok /{show=1} /^ *ok /{show=0} show' "$work/node.log" | head -n 120
    if [ "$status" -ne 0 ] && [ "$nf" -eq 0 ]; then fail "node client: exit status $status"; tail -n 40 "$work/node.log"; fi
  fi
fi

# --- compat --------------------------------------------------------------------------------
echo "== compat runners"
outputs=()
compat_ok=true

if [ -f "$dotnet_compat_dll" ]; then
  out="$work/compat-dotnet.json"
  args=(--address "$address" --api-key "${key[compat-dotnet]}" --scenario "$scenario" --out "$out")
  if timeout 300 dotnet "$dotnet_compat_dll" "${args[@]}" >"$work/runner-dotnet.log" 2>&1 \
      && [ -s "$out" ]; then
    outputs+=("$out"); echo "dotnet runner: done"
  else
    compat_ok=false; echo "dotnet runner failed:"; tail -n 30 "$work/runner-dotnet.log"
  fi
else
  compat_ok=false; echo "dotnet runner missing: $dotnet_compat_dll"
fi

out="$work/compat-python.json"
args=(--address "$address" --api-key "${key[compat-python]}" --scenario "$scenario" --out "$out")
if timeout 300 "$python" clients/python/compat.py "${args[@]}" >"$work/runner-python.log" 2>&1 \
    && [ -s "$out" ]; then
  outputs+=("$out"); echo "python runner: done"
else
  compat_ok=false; echo "python runner failed:"; tail -n 30 "$work/runner-python.log"
fi

has_node_compat() {
  [ -f clients/node/package.json ] &&
    node -e 'process.exit(((require("./clients/node/package.json").scripts) || {}).compat ? 0 : 1)' 2>/dev/null
}
if has_node_compat; then
  out="$work/compat-node.json"
  args=(--address "$address" --api-key "${key[compat-node]}" --scenario "$scenario" --out "$out")
  if (cd clients/node && timeout 300 npm run --silent compat -- "${args[@]}") \
      >"$work/runner-node.log" 2>&1 && [ -s "$out" ]; then
    outputs+=("$out"); echo "node runner: done"
  else
    compat_ok=false; echo "node runner failed:"; tail -n 30 "$work/runner-node.log"
  fi
else
  compat_ok=false; echo "node runner missing: no script \"compat\" in clients/node/package.json"
fi

if [ "${#outputs[@]}" -ge 2 ]; then
  timeout 60 "$python" clients/compat/compare.py --relative-tolerance "$compat_tolerance" "${outputs[@]}" || compat_ok=false
else
  compat_ok=false; echo "compat: fewer than two runner outputs, nothing to compare"
fi
if $compat_ok; then
  passed=$((passed + 1)); echo "compat: PASS"
else
  fail "compat: every runner must run and every output must agree"
fi

stop_server
finish
