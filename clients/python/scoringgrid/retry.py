"""Retries with exponential backoff, bounded by one deadline for the whole call."""

import random
import time
from dataclasses import dataclass, field

import grpc

from .errors import ScoringGridError


@dataclass(frozen=True)
class RetryPolicy:
    """How an idempotent call is retried.

    A call is tried at most max_attempts times, only while the failure's status is one of
    retryable_codes (by default UNAVAILABLE: the server could not be reached or is shutting
    down, so the request was not processed, or is safe to process again). Before attempt n+1
    the client waits min(max_backoff, initial_backoff * multiplier**(n-1)), spread by +-jitter
    (a fraction), and never past the call's deadline.
    """

    max_attempts: int = 4
    initial_backoff: float = 0.1
    max_backoff: float = 2.0
    multiplier: float = 2.0
    jitter: float = 0.2
    retryable_codes: frozenset = field(default_factory=lambda: frozenset({grpc.StatusCode.UNAVAILABLE}))

    def __post_init__(self):
        if self.max_attempts < 1:
            raise ValueError("max_attempts: must be at least 1")
        if self.initial_backoff < 0 or self.max_backoff < 0:
            raise ValueError("initial_backoff, max_backoff: must not be negative")
        if self.multiplier < 1:
            raise ValueError("multiplier: must be at least 1")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter: must be in [0, 1)")

    def backoff(self, attempt, rng=random):
        """Seconds to wait after failed attempt number `attempt` (from 1)."""
        base = min(self.max_backoff, self.initial_backoff * self.multiplier ** (attempt - 1))
        if self.jitter:
            base *= 1 + rng.uniform(-self.jitter, self.jitter)
        return base


NO_RETRY = RetryPolicy(max_attempts=1)


def call_with_retry(attempt, method, timeout, policy, sleep=time.sleep, clock=time.monotonic):
    """Runs attempt(remaining_seconds) until it succeeds, fails for good, or time runs out.

    attempt: a function of the seconds left before the deadline; raises grpc.RpcError on failure.
    Raises ScoringGridError with the last status; DEADLINE_EXCEEDED when the deadline passes
    before a retry could be made.
    """
    deadline = clock() + timeout
    tries = 0
    while True:
        tries += 1
        try:
            return attempt(max(deadline - clock(), 0.0))
        except grpc.RpcError as error:
            failure = ScoringGridError.from_rpc_error(error, method, tries)
        if failure.code not in policy.retryable_codes or tries >= policy.max_attempts:
            raise failure
        pause = policy.backoff(tries)
        if clock() + pause >= deadline:
            raise ScoringGridError(
                grpc.StatusCode.DEADLINE_EXCEEDED,
                f"deadline of {timeout:g} s reached while retrying; last failure: "
                f"{failure.code.name}: {failure.details}",
                method, tries)
        sleep(pause)
