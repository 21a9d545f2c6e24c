"""The exception every ScoringGridClient call raises when the server (or the channel) fails it."""

import grpc


class ScoringGridError(Exception):
    """A call that ended with a gRPC status other than OK.

    Attributes:
        code: the grpc.StatusCode (e.g. grpc.StatusCode.NOT_FOUND).
        details: the server's explanation, which names the offending field when there is one.
        method: the RPC that failed, e.g. "GetAccount".
        attempts: how many times the call was tried (more than 1 after retries on UNAVAILABLE).
    """

    def __init__(self, code, details, method="", attempts=1):
        self.code = code
        self.details = details or ""
        self.method = method
        self.attempts = attempts
        super().__init__(self._describe())

    @property
    def code_name(self):
        """The canonical status name: "NOT_FOUND", "INVALID_ARGUMENT", ..."""
        return self.code.name

    @classmethod
    def from_rpc_error(cls, error, method, attempts=1):
        """Wraps a grpc.RpcError raised by a call (which is also a grpc.Call)."""
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        details = error.details() if hasattr(error, "details") else str(error)
        return cls(code or grpc.StatusCode.UNKNOWN, details, method, attempts)

    def _describe(self):
        where = f"{self.method}: " if self.method else ""
        tries = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
        return f"{where}{self.code.name}: {self.details}{tries}"
