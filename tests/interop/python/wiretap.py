"""A tiny plaintext HTTP/2 relay that watches gRPC message framing.

grpcio's Python API hides the per-message "compressed" flag (the first byte of
the 5-byte gRPC length prefix) on both the client and the server side. The
interop compression cases are all about that flag, so this module sits on
127.0.0.1 between a client and a server, forwards every byte unchanged, and on
the way parses HTTP/2 frame headers and DATA payloads to record, per stream,
each gRPC message's compressed flag, wire length and (decompressed) digest.

Only cleartext h2c (prior knowledge) can be observed; TLS traffic cannot.
HPACK is not decoded: streams are identified by the order in which the client
opened them on a connection, and messages by the SHA-256 of their
(decompressed) bytes.
"""

import collections
import hashlib
import socket
import threading
import zlib

_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
_FRAME_DATA = 0x0
_FRAME_HEADERS = 0x1
_FLAG_PADDED = 0x8


def digest(data):
    """Key used to match a recorded message with a deserialized one."""
    return hashlib.sha256(bytes(data)).hexdigest()


class Message(object):
    """One gRPC message as seen on the wire."""

    __slots__ = ("compressed", "wire_length", "digest", "decoded_length")

    def __init__(self, compressed, wire_length, body):
        self.compressed = compressed
        self.wire_length = wire_length
        plain = body
        if compressed:
            try:
                # 47 = 32 + 15: accept both gzip and zlib (deflate) headers.
                plain = zlib.decompress(body, 47)
            except zlib.error:
                plain = None
        self.digest = None if plain is None else digest(plain)
        self.decoded_length = None if plain is None else len(plain)

    def __repr__(self):
        return "Message(compressed=%s, wire_length=%d, decoded_length=%s)" % (
            self.compressed, self.wire_length, self.decoded_length)


class Stream(object):
    """Messages of one HTTP/2 stream, in both directions."""

    def __init__(self, connection_index, stream_id):
        self.connection_index = connection_index
        self.stream_id = stream_id
        self.requests = []   # client -> server
        self.responses = []  # server -> client

    def __repr__(self):
        return "Stream(conn=%d, id=%d, requests=%r, responses=%r)" % (
            self.connection_index, self.stream_id, self.requests,
            self.responses)


class _DirectionParser(object):
    """Incremental HTTP/2 frame + gRPC message parser for one direction."""

    def __init__(self, from_client, on_headers, on_message):
        self._buf = bytearray()
        self._need_preface = from_client
        self._on_headers = on_headers
        self._on_message = on_message
        self._grpc_buffers = collections.defaultdict(bytearray)
        self.error = None

    def feed(self, data):
        if self.error is not None:
            return
        try:
            self._feed(data)
        except Exception as exc:  # never break the relay because of the tap
            self.error = "wire tap parse error: %r" % (exc,)

    def _feed(self, data):
        self._buf += data
        if self._need_preface:
            if len(self._buf) < len(_PREFACE):
                return
            if bytes(self._buf[:len(_PREFACE)]) != _PREFACE:
                raise ValueError("missing HTTP/2 client preface (TLS or h1?)")
            del self._buf[:len(_PREFACE)]
            self._need_preface = False
        while len(self._buf) >= 9:
            length = int.from_bytes(self._buf[0:3], "big")
            if len(self._buf) < 9 + length:
                return
            ftype = self._buf[3]
            flags = self._buf[4]
            stream_id = int.from_bytes(self._buf[5:9], "big") & 0x7FFFFFFF
            payload = bytes(self._buf[9:9 + length])
            del self._buf[:9 + length]
            if ftype == _FRAME_HEADERS:
                self._on_headers(stream_id)
            elif ftype == _FRAME_DATA and stream_id != 0:
                if flags & _FLAG_PADDED:
                    pad = payload[0]
                    payload = payload[1:len(payload) - pad]
                self._data(stream_id, payload)

    def _data(self, stream_id, payload):
        buf = self._grpc_buffers[stream_id]
        buf += payload
        while len(buf) >= 5:
            size = int.from_bytes(buf[1:5], "big")
            if len(buf) < 5 + size:
                break
            flag = buf[0]
            body = bytes(buf[5:5 + size])
            del buf[:5 + size]
            self._on_message(stream_id, Message(flag == 1, size, body))


class WireTap(object):
    """Relay 127.0.0.1:<port> -> upstream, recording gRPC message flags.

    on_request_message(message) is called (before the bytes are forwarded
    upstream) for every client->server gRPC message.
    """

    def __init__(self, upstream_host, upstream_port, listen_host="127.0.0.1",
                 listen_port=0, on_request_message=None):
        self._upstream = (upstream_host, upstream_port)
        self._on_request_message = on_request_message
        self._lock = threading.Lock()
        self._streams = []             # in order of first client HEADERS
        self._by_key = {}              # (conn, stream_id) -> Stream
        self._errors = []
        self._parsers = []
        self._sockets = set()
        self._connections = 0
        self._closed = False
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((listen_host, listen_port))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop,
                                        name="wiretap-accept", daemon=True)
        self._thread.start()

    # ---- observations -------------------------------------------------
    def streams(self):
        """Snapshot of all streams seen so far, in the order they opened."""
        with self._lock:
            return list(self._streams)

    def errors(self):
        """Problems seen so far (failed upstream connects, unparsable bytes)."""
        with self._lock:
            return self._errors + [p.error for p in self._parsers
                                   if p.error is not None]

    # ---- relay ----------------------------------------------------------
    def close(self):
        with self._lock:
            self._closed = True
            socks = list(self._sockets)
        try:
            self._listener.close()
        except OSError:
            pass
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                s.close()
            except OSError:
                pass

    def _stream(self, conn_index, stream_id):
        key = (conn_index, stream_id)
        stream = self._by_key.get(key)
        if stream is None:
            stream = Stream(conn_index, stream_id)
            self._by_key[key] = stream
            self._streams.append(stream)
        return stream

    def _accept_loop(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self._upstream, timeout=10)
                upstream.settimeout(None)
            except OSError as exc:
                with self._lock:
                    self._errors.append("upstream connect failed: %r" % exc)
                client.close()
                continue
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if self._closed:
                    client.close()
                    upstream.close()
                    return
                conn_index = self._connections
                self._connections += 1
                self._sockets.update((client, upstream))
            self._start_connection(conn_index, client, upstream)

    def _start_connection(self, conn_index, client, upstream):
        def on_client_headers(stream_id):
            with self._lock:
                self._stream(conn_index, stream_id)

        def on_request(stream_id, message):
            with self._lock:
                self._stream(conn_index, stream_id).requests.append(message)
            if self._on_request_message is not None:
                self._on_request_message(message)

        def on_server_headers(stream_id):
            pass

        def on_response(stream_id, message):
            with self._lock:
                self._stream(conn_index, stream_id).responses.append(message)

        up = _DirectionParser(True, on_client_headers, on_request)
        down = _DirectionParser(False, on_server_headers, on_response)
        with self._lock:
            self._parsers.extend((up, down))
        done = threading.Semaphore(0)
        for src, dst, parser, name in ((client, upstream, up, "c2s"),
                                       (upstream, client, down, "s2c")):
            threading.Thread(target=self._pump,
                             args=(src, dst, parser, done),
                             name="wiretap-%d-%s" % (conn_index, name),
                             daemon=True).start()
        threading.Thread(target=self._reap, args=(client, upstream, done),
                         daemon=True).start()

    def _pump(self, src, dst, parser, done):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                parser.feed(data)  # record first, then forward
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            done.release()

    def _reap(self, client, upstream, done):
        done.acquire()
        done.acquire()
        with self._lock:
            self._sockets.discard(client)
            self._sockets.discard(upstream)
        for s in (client, upstream):
            try:
                s.close()
            except OSError:
                pass
