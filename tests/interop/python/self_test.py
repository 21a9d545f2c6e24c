#!/usr/bin/python3
"""Checks interop_client.py itself: it must pass every case against the
reference server, and must FAIL the right cases against deliberately broken
variants of it (so that its assertions are known to bite).

Runs everything on 127.0.0.1 ephemeral ports; exits 0 if all as expected.
"""

import os
import subprocess
import sys
from concurrent import futures

import grpc

import reference_server as ref
import wiretap

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "interop_client.py")
m = ref.messages_pb2


def zeros(size):
    return ref._zeros_payload(size)


# --- broken servers ------------------------------------------------------------

class NoCompressionSupport(ref.TestService):
    """Ignores expect_compressed, response_compressed and compressed."""

    def _check_compressed(self, request, context):
        pass

    def UnaryCall(self, request, context):
        request.ClearField("response_compressed")
        return super().UnaryCall(request, context)

    @staticmethod
    def _wants_compression(request):
        return None


class AlwaysCompresses(ref.TestService):
    """Compresses every response, even when asked not to."""

    def UnaryCall(self, request, context):
        context.set_compression(grpc.Compression.Gzip)
        request.ClearField("response_compressed")
        return super().UnaryCall(request, context)

    def StreamingOutputCall(self, request, context):
        context.set_compression(grpc.Compression.Gzip)
        for params in request.response_parameters:
            params.ClearField("compressed")
        for response in super().StreamingOutputCall(request, context):
            yield response


class NoMetadataEcho(ref.TestService):
    """Echoes only a wrong trailing value and no initial metadata."""

    def UnaryCall(self, request, context):
        context.set_trailing_metadata(
            ((ref.ECHO_TRAILING_KEY, b"\xab\xab"),))
        return m.SimpleResponse(payload=zeros(request.response_size))

    def FullDuplexCall(self, request_iterator, context):
        context.set_trailing_metadata(
            ((ref.ECHO_TRAILING_KEY, b"\xab\xab\xab"),))
        for request in request_iterator:
            for params in request.response_parameters:
                yield m.StreamingOutputCallResponse(
                    payload=zeros(params.size))


class TrimsStatusMessage(ref.TestService):

    def UnaryCall(self, request, context):
        if request.HasField("response_status"):
            context.abort(grpc.StatusCode.UNKNOWN,
                          request.response_status.message.strip())
        return super().UnaryCall(request, context)

    def FullDuplexCall(self, request_iterator, context):
        for request in request_iterator:
            context.abort(grpc.StatusCode.INTERNAL,
                          request.response_status.message)
        return
        yield


class WrongSizes(ref.TestService):

    def UnaryCall(self, request, context):
        return m.SimpleResponse(payload=zeros(request.response_size - 1))

    def StreamingInputCall(self, request_iterator, context):
        response = super().StreamingInputCall(request_iterator, context)
        response.aggregated_payload_size += 1
        return response

    def StreamingOutputCall(self, request, context):
        responses = list(super().StreamingOutputCall(request, context))
        for response in responses[:-1]:
            yield response

    def FullDuplexCall(self, request_iterator, context):
        for request in request_iterator:
            for params in request.response_parameters:
                yield m.StreamingOutputCallResponse(payload=m.Payload(
                    body=b"\x01" * params.size))


class ImplementsUnimplemented(ref.TestService):

    def UnimplementedCall(self, request, context):
        return ref.empty_pb2.Empty()


class AnswersWithoutWaiting(ref.TestService):
    """FullDuplexCall sends one empty response at once and ends the call."""

    def FullDuplexCall(self, request_iterator, context):
        yield m.StreamingOutputCallResponse()


COMPRESSED = ["client_compressed_unary", "server_compressed_unary",
              "client_compressed_streaming", "server_compressed_streaming"]

# (servicer, cases to run, cases that must FAIL)
EXPECTATIONS = [
    (ref.TestService, ["all"], []),
    (NoCompressionSupport, COMPRESSED, COMPRESSED),
    (AlwaysCompresses, COMPRESSED[1::2], COMPRESSED[1::2]),
    (NoMetadataEcho, ["custom_metadata"], ["custom_metadata"]),
    (TrimsStatusMessage, ["special_status_message", "status_code_and_message"],
     ["special_status_message", "status_code_and_message"]),
    (WrongSizes, ["large_unary", "client_streaming", "server_streaming",
                  "ping_pong", "custom_metadata"],
     ["large_unary", "client_streaming", "server_streaming", "ping_pong",
      "custom_metadata"]),
    (ImplementsUnimplemented, ["unimplemented_method",
                               "unimplemented_service"],
     ["unimplemented_method"]),
    # (timeout_on_sleeping_server is not listed: against a server that
    # answers at once, whether the 1 ms deadline wins is a race.)
    (AnswersWithoutWaiting, ["empty_stream", "ping_pong"],
     ["empty_stream", "ping_pong"]),
]


def run(servicer_cls, cases, must_fail):
    ledger = ref.CompressionLedger()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    ref.test_pb2_grpc.add_TestServiceServicer_to_server(servicer_cls(ledger),
                                                        server)
    inner = server.add_insecure_port("127.0.0.1:0")
    server.start()
    tap = wiretap.WireTap("127.0.0.1", inner, on_request_message=ledger.record)
    try:
        proc = subprocess.run(
            [sys.executable, CLIENT, "--server_port", str(tap.port),
             "--test_case", ",".join(cases), "--rpc_timeout", "10"],
            capture_output=True, text=True, timeout=600)
    finally:
        tap.close()
        server.stop(0)
    failed = sorted(line.split(":")[0][len("FAIL "):]
                    for line in proc.stdout.splitlines()
                    if line.startswith("FAIL "))
    ok = failed == sorted(must_fail) and \
        proc.returncode == (1 if must_fail else 0)
    print("%s %s: failed=%s (expected %s)" % (
        "ok  " if ok else "BAD ", servicer_cls.__name__, failed,
        sorted(must_fail)))
    if not ok:
        print(proc.stdout + proc.stderr)
    return ok


def main():
    results = [run(*e) for e in EXPECTATIONS]
    print("self test %s" % ("passed" if all(results) else "FAILED"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
