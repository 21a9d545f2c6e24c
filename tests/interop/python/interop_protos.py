"""Locates (and if needed regenerates) the Python stubs for the interop protos.

The protos live in package grpc.testing, so protoc emits modules under
generated/grpc/testing/. The name "grpc" is already taken by grpcio itself;
rather than renaming anything on the wire, the generated grpc/ folder is
appended to grpcio's package search path so that `grpc.testing` resolves to it.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = os.path.join(HERE, "generated")
PROTO_DIR = os.path.join(HERE, "..", "protos", "grpc", "testing")
_MARKER = os.path.join(GENERATED, "grpc", "testing", "test_pb2_grpc.py")


def _stale():
    if not os.path.exists(_MARKER):
        return True
    built = os.path.getmtime(_MARKER)
    for name in os.listdir(PROTO_DIR):
        if name.endswith(".proto") and \
                os.path.getmtime(os.path.join(PROTO_DIR, name)) > built:
            return True
    return False


def ensure_generated():
    if _stale():
        script = os.path.join(HERE, "generate.sh")
        subprocess.run(["bash", script], check=True, stdout=sys.stderr)


def load():
    """Returns (empty_pb2, messages_pb2, test_pb2_grpc)."""
    ensure_generated()
    import grpc
    pkg_dir = os.path.join(GENERATED, "grpc")
    if pkg_dir not in grpc.__path__:
        grpc.__path__.append(pkg_dir)
    from grpc.testing import empty_pb2, messages_pb2, test_pb2_grpc
    return empty_pb2, messages_pb2, test_pb2_grpc
