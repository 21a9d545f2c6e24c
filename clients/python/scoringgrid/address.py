"""Turns "127.0.0.1:50051", "http://host:port" or "https://host:port" into a gRPC target."""

from urllib.parse import urlsplit


def parse_address(address):
    """Returns (target "host:port", secure). http:// and a bare host:port are plaintext (h2c)."""
    if not isinstance(address, str) or not address.strip():
        raise ValueError("address: required, e.g. '127.0.0.1:50051' or 'http://127.0.0.1:50051'")
    text = address.strip()
    secure = False
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https"):
            raise ValueError(f"address: scheme {parts.scheme!r} is not supported; use http:// or https://")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValueError(f"address: {address!r} must not have a path or query")
        secure = parts.scheme == "https"
        text = parts.netloc
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(f"address: {address!r} needs a host and a port, e.g. '127.0.0.1:50051'")
    return f"{host}:{port}", secure
