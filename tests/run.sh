#!/usr/bin/env bash
# Runs every test of ScoringGrid from a fresh clone:
#   1. installs the Debian packages the tests need when they are missing
#      (python3-grpcio and protoc with its python plugin, for the interop suite and the
#      Python client; postgresql, which the durability tests start on a loopback port;
#      libnghttp2-dev, for the paced load client tests/bench/pace, built and run by a test);
#   2. dotnet test over the whole solution (unit, wire-level, integration, durability with
#      real server processes killed mid-stream, the .NET client and sgctl, and the interop
#      cases driven by both our .NET client and python3-grpcio);
#   3. the interop suite again as operators run it: the standalone interop server
#      process against the python3-grpcio client, all cases;
#   4. the Python and Node.js clients against a live server, and the compatibility test
#      (the same scenario through the .NET, Python and Node.js clients, identical answers).
# Ends with one line "tests: N passed, N failed". Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || need+=(python3-grpcio python3-protobuf)
command -v protoc >/dev/null || need+=(protobuf-compiler)
[ -x /usr/bin/grpc_python_plugin ] || need+=(protobuf-compiler-grpc)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -f /usr/include/nghttp2/nghttp2.h ] || need+=(libnghttp2-dev)
command -v cc >/dev/null || need+=(gcc libc6-dev)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

log=$(mktemp)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

echo "== dotnet test"
set +e
dotnet test ScoringGrid.sln -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
dotnet_status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "== interop suite: standalone server + python3-grpcio client"
interop_dll="$root/tests/interop/ScoringGrid.Interop/bin/Release/net10.0/ScoringGrid.Interop.dll"
server_out=$(mktemp)
dotnet "$interop_dll" --port 0 >"$server_out" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 1 200); do
  address=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$server_out" || true)
  [ -n "$address" ] && break
  sleep 0.1
done
if [ -z "$address" ]; then
  echo "interop server did not start:"; cat "$server_out"
  failed=$((failed + 1))
else
  set +e
  timeout 300 /usr/bin/python3 tests/interop/python/interop_client.py --server_port "${address##*:}" --test_case all 2>&1 | tee "$log"
  set -e
  passed=$((passed + $(grep -Eo '^[0-9]+ passed' "$log" | awk '{print $1}' | tail -1 || echo 0)))
  interop_failed=$(grep -Eo '[0-9]+ failed$' "$log" | awk '{print $1}' | tail -1 || true)
  failed=$((failed + ${interop_failed:-1}))
fi
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
rm -f "$server_out"

echo "== clients: Python, Node.js, compatibility"
set +e
timeout 900 bash tests/clients/run.sh 2>&1 | tee "$log"
set -e
clients_line=$(grep -E '^clients: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
if [ -z "$clients_line" ]; then
  failed=$((failed + 1))
else
  passed=$((passed + $(echo "$clients_line" | awk '{print $2}')))
  failed=$((failed + $(echo "$clients_line" | awk '{print $4}')))
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
