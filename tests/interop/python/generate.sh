#!/usr/bin/env bash
# Regenerates the Python protobuf + grpc stubs for the interop protos into
# ./generated (git-ignored). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")"

OUT=generated
PLUGIN=${GRPC_PYTHON_PLUGIN:-/usr/bin/grpc_python_plugin}

rm -rf "$OUT/grpc"
mkdir -p "$OUT"
protoc -I ../protos \
  --python_out="$OUT" \
  --grpc_out="$OUT" \
  --plugin=protoc-gen-grpc="$PLUGIN" \
  ../protos/grpc/testing/empty.proto \
  ../protos/grpc/testing/messages.proto \
  ../protos/grpc/testing/test.proto
echo "generated into $(pwd)/$OUT/grpc/testing"
