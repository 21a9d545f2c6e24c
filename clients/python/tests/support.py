"""Shared by the tests: the import path of the client, the live server from the environment,
unique ids, and in-process stub servers."""

import os
import sys
import time
import uuid
from concurrent import futures

CLIENT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if CLIENT_ROOT not in sys.path:
    sys.path.insert(0, CLIENT_ROOT)

import grpc  # noqa: E402

DAY_MS = 24 * 3600 * 1000
HOUR_MS = 3600 * 1000


def live_server():
    """(address, api_key) of the server under test, from SCORINGGRID_ADDRESS / SCORINGGRID_API_KEY."""
    address = os.environ.get("SCORINGGRID_ADDRESS", "")
    api_key = os.environ.get("SCORINGGRID_API_KEY", "")
    if not address or not api_key:
        raise RuntimeError(
            "set SCORINGGRID_ADDRESS (e.g. http://127.0.0.1:50051) and SCORINGGRID_API_KEY to the server under "
            "test (tests/clients/run.sh starts one)")
    return address, api_key


def unique(prefix):
    """A prefix of ids no other test (nor an earlier run against the same server) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def now_ms():
    return time.time_ns() // 1_000_000


class StubServer:
    """A grpcio server on 127.0.0.1 with the given servicers, for the client-side tests.

        with StubServer(lambda s: add_XServicer_to_server(servicer, s)) as address: ...
    """

    def __init__(self, *registrations):
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        for register in registrations:
            register(self._server)
        self.port = self._server.add_insecure_port("127.0.0.1:0")

    def __enter__(self):
        self._server.start()
        return f"127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self._server.stop(grace=None).wait(5)
        return False
