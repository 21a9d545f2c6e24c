#!/usr/bin/python3
"""Reference grpc.testing.TestService server (Python grpcio), plaintext only.

Exists to prove interop_client.py against a known-good gRPC implementation.
It follows the "Server" part of the gRPC interop test descriptions:
EmptyCall, UnaryCall, CacheableUnaryCall, StreamingOutputCall,
StreamingInputCall, FullDuplexCall, HalfDuplexCall; echo status; echo
metadata; ResponseParameters.interval_us; CompressedResponse;
CompressedRequest. UnimplementedCall and grpc.testing.UnimplementedService are
deliberately left unimplemented.

grpcio cannot tell a handler whether a request message arrived compressed, so
the listening port is a wiretap.WireTap relay in front of the real grpcio
server (which only listens on an ephemeral 127.0.0.1 port). The relay records
the compressed flag of every request message; handlers look it up by the
SHA-256 of the re-serialized request (FIFO per identical message).

Usage: ./reference_server.py --port 50051   (0 = pick a free port)
Prints "LISTENING 127.0.0.1:<port>" once ready.
"""

import argparse
import collections
import signal
import sys
import threading
import time
from concurrent import futures

import grpc

import interop_protos
import wiretap

empty_pb2, messages_pb2, test_pb2_grpc = interop_protos.load()

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
_CODES = {code.value[0]: code for code in grpc.StatusCode}


class CompressionLedger(object):
    """Compressed flags of request messages, fed by the wire tap."""

    def __init__(self, limit=4096):
        self._lock = threading.Lock()
        self._flags = collections.OrderedDict()  # digest -> deque[bool]
        self._count = 0
        self._limit = limit

    def record(self, message):
        if message.digest is None:
            return
        with self._lock:
            queue = self._flags.get(message.digest)
            if queue is None:
                queue = self._flags[message.digest] = collections.deque()
            queue.append(message.compressed)
            self._count += 1
            while self._count > self._limit and self._flags:
                _, dropped = self._flags.popitem(last=False)
                self._count -= len(dropped)

    def take(self, request):
        """True/False if seen compressed/uncompressed, None if not seen."""
        key = wiretap.digest(request.SerializeToString())
        with self._lock:
            queue = self._flags.get(key)
            if not queue:
                return None
            self._count -= 1
            flag = queue.popleft()
            if not queue:
                del self._flags[key]
            return flag


def _zeros_payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE,
                                body=bytes(size))


def _echo_status(request, context):
    """Ends the call with request.response_status if it asks for one."""
    if request.HasField("response_status") and request.response_status.code:
        status = request.response_status
        code = _CODES.get(status.code, grpc.StatusCode.UNKNOWN)
        context.abort(code, status.message)


class _CallStart(object):
    """Sends initial metadata once: compression choice first, then echo."""

    def __init__(self, context):
        self._context = context
        self._started = False

    def start(self, compress=None):
        if self._started:
            return
        self._started = True
        if compress is not None:
            self._context.set_compression(
                grpc.Compression.Gzip if compress else
                grpc.Compression.NoCompression)
        md = self._context.invocation_metadata()
        initial = [(k, v) for k, v in md if k == ECHO_INITIAL_KEY]
        trailing = [(k, v) for k, v in md if k == ECHO_TRAILING_KEY]
        if trailing:
            self._context.set_trailing_metadata(tuple(trailing))
        if initial:
            self._context.send_initial_metadata(tuple(initial))


class TestService(test_pb2_grpc.TestServiceServicer):

    def __init__(self, ledger):
        self._ledger = ledger

    def _check_compressed(self, request, context):
        """CompressedRequest: enforce expect_compressed when it is set."""
        if not request.HasField("expect_compressed"):
            return
        seen = self._ledger.take(request)
        expected = request.expect_compressed.value
        if expected and seen is not True:
            context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                "expect_compressed=true but the request message was %s" %
                ("not observed" if seen is None else "not compressed"))
        if not expected and seen is True:
            context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                "expect_compressed=false but the request message was "
                "compressed")

    def _stream_responses(self, request, context):
        if request.response_type != messages_pb2.COMPRESSABLE:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                          "unsupported response_type")
        for params in request.response_parameters:
            if params.interval_us > 0:
                time.sleep(params.interval_us / 1e6)
            if params.HasField("compressed") and not params.compressed.value:
                context.disable_next_message_compression()
            yield messages_pb2.StreamingOutputCallResponse(
                payload=_zeros_payload(params.size))

    @staticmethod
    def _wants_compression(request):
        params = request.response_parameters
        return True if any(p.compressed.value for p in params) else None

    def EmptyCall(self, request, context):
        _CallStart(context).start()
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        self._check_compressed(request, context)
        if request.response_type != messages_pb2.COMPRESSABLE:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                          "unsupported response_type")
        compress = None
        if request.HasField("response_compressed"):
            compress = request.response_compressed.value
        _CallStart(context).start(compress)
        _echo_status(request, context)
        if compress is False:
            context.disable_next_message_compression()
        return messages_pb2.SimpleResponse(
            payload=_zeros_payload(request.response_size))

    def CacheableUnaryCall(self, request, context):
        context.send_initial_metadata(
            (("cache-control", "max-age=60, public"),))
        return messages_pb2.SimpleResponse(payload=messages_pb2.Payload(
            type=messages_pb2.COMPRESSABLE,
            body=str(time.time_ns()).encode("ascii")))

    def StreamingOutputCall(self, request, context):
        _CallStart(context).start(self._wants_compression(request))
        _echo_status(request, context)
        for response in self._stream_responses(request, context):
            yield response

    def StreamingInputCall(self, request_iterator, context):
        _CallStart(context).start()
        total = 0
        for request in request_iterator:
            self._check_compressed(request, context)
            total += len(request.payload.body)
        return messages_pb2.StreamingInputCallResponse(
            aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        # Initial metadata waits for the first request, so that a request
        # asking for compressed responses can still switch compression on.
        start = _CallStart(context)
        for request in request_iterator:
            start.start(self._wants_compression(request))
            _echo_status(request, context)
            for response in self._stream_responses(request, context):
                yield response
        start.start()

    def HalfDuplexCall(self, request_iterator, context):
        requests = list(request_iterator)
        start = _CallStart(context)
        start.start(True if any(self._wants_compression(r) for r in requests)
                    else None)
        for request in requests:
            _echo_status(request, context)
            for response in self._stream_responses(request, context):
                yield response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0,
                        help="port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--exit_after", type=float, default=0,
                        help="stop by itself after this many seconds (0 = no)")
    args = parser.parse_args()

    ledger = CompressionLedger()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(ledger), server)
    inner_port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    tap = wiretap.WireTap("127.0.0.1", inner_port, listen_port=args.port,
                          on_request_message=ledger.record)

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print("LISTENING 127.0.0.1:%d" % tap.port, flush=True)
    stop.wait(args.exit_after if args.exit_after > 0 else None)
    tap.close()
    server.stop(grace=1).wait()
    for err in tap.errors():
        print("wiretap: %s" % err, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
