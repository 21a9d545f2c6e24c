#!/usr/bin/env bash
# Builds the C++ gRPC echo peer.
#
#   tests/bench/peers/cpp-echo/build.sh
#
# Output: $CPP_ECHO_BUILD_DIR/echo_server (default: ./build/echo_server,
# git-ignored). Idempotent: does nothing when the binary is newer than the
# proto, the source and this script. Prints the binary path on stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proto_dir="$(cd "$here/../../h2load" && pwd)"
proto="$proto_dir/echo.proto"
src="$here/echo_server.cc"
build_dir="${CPP_ECHO_BUILD_DIR:-$here/build}"
gen_dir="$build_dir/gen"
bin="$build_dir/echo_server"

for tool in protoc grpc_cpp_plugin pkg-config g++; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "build.sh: missing tool: $tool" >&2
    exit 1
  }
done

up_to_date=1
if [[ ! -x "$bin" ]]; then
  up_to_date=0
else
  for input in "$proto" "$src" "${BASH_SOURCE[0]}"; do
    if [[ "$input" -nt "$bin" ]]; then
      up_to_date=0
    fi
  done
fi

if (( up_to_date )); then
  echo "build.sh: $bin is up to date" >&2
  echo "$bin"
  exit 0
fi

mkdir -p "$gen_dir"
echo "build.sh: generating code from $proto" >&2
protoc -I "$proto_dir" \
  --cpp_out="$gen_dir" \
  --grpc_out="$gen_dir" \
  --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" \
  "$proto"

echo "build.sh: compiling $bin" >&2
# shellcheck disable=SC2046  # pkg-config output must word-split
g++ -std=c++17 -O2 -DNDEBUG -pthread \
  -I "$gen_dir" \
  -o "$bin.tmp" \
  "$src" "$gen_dir/echo.pb.cc" "$gen_dir/echo.grpc.pb.cc" \
  $(pkg-config --cflags --libs grpc++ protobuf)
mv -f "$bin.tmp" "$bin"
echo "$bin"
