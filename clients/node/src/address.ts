/** Turns "127.0.0.1:50051", "http://host:port" or "https://host:port" into a gRPC target. */

export interface ParsedAddress {
  /** "host:port", as grpc-js expects it. */
  target: string;
  /** True for https:// (TLS); http:// and a bare host:port are plaintext HTTP/2. */
  secure: boolean;
}

const EXAMPLE = "e.g. '127.0.0.1:50051' or 'http://127.0.0.1:50051'";

/** Parses a server address; throws a TypeError naming `address` and the reason when it is unusable. */
export function parseAddress(address: string): ParsedAddress {
  if (typeof address !== 'string' || address.trim() === '') {
    throw new TypeError(`address: is required, ${EXAMPLE}`);
  }
  let text = address.trim();
  let secure = false;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name !== 'http' && name !== 'https') {
      throw new TypeError(`address: scheme '${scheme[1]}' is not supported; use http:// or https://`);
    }
    secure = name === 'https';
    text = text.slice(scheme[0].length);
    if (text.endsWith('/')) {
      text = text.slice(0, -1);
    }
    if (/[/?#]/.test(text)) {
      throw new TypeError(`address: '${address}' must not have a path, query or fragment`);
    }
  }
  const colon = text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon) : '';
  const port = colon > 0 ? text.slice(colon + 1) : '';
  if (host === '' || !/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new TypeError(`address: '${address}' needs a host and a port, ${EXAMPLE}`);
  }
  return { target: `${host}:${port}`, secure };
}
