#!/usr/bin/env bash
# Builds grpc-pace, the paced gRPC load client (C, libnghttp2).
#
#   tests/bench/pace/build.sh
#
# Output: $GRPC_PACE_BUILD_DIR/grpc-pace (default: ./build/grpc-pace, git-ignored). Idempotent:
# does nothing when the binary is newer than the source and this script. Prints the binary's path
# on stdout. Needs cc and libnghttp2-dev (tests/run.sh and tests/bench/run-all.sh install it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/grpc-pace.c"
build_dir="${GRPC_PACE_BUILD_DIR:-$here/build}"
bin="$build_dir/grpc-pace"

command -v cc >/dev/null 2>&1 || { echo "build.sh: missing tool: cc" >&2; exit 1; }
[[ -f /usr/include/nghttp2/nghttp2.h ]] || { echo "build.sh: missing libnghttp2-dev (/usr/include/nghttp2/nghttp2.h)" >&2; exit 1; }

if [[ -x "$bin" && ! "$src" -nt "$bin" && ! "${BASH_SOURCE[0]}" -nt "$bin" ]]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$build_dir"
echo "build.sh: compiling $bin" >&2
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$bin.tmp.$$" "$src" -lnghttp2
mv -f "$bin.tmp.$$" "$bin"
echo "$bin"
