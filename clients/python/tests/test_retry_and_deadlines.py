"""Retries and deadlines, against in-process stub servers that fail or stall on purpose."""

import socket
import threading
import time
import unittest

from support import StubServer

import grpc
from scoringgrid import RetryPolicy, ScoringGridClient, ScoringGridError, mention
from scoringgrid.retry import call_with_retry
from scoringgrid.v1 import ingest_pb2_grpc, interactions_pb2, scores_pb2, scores_pb2_grpc

FAST = RetryPolicy(max_attempts=4, initial_backoff=0.01, max_backoff=0.05, jitter=0)


class FlakyScores(scores_pb2_grpc.ScoreServiceServicer):
    """Fails the first `failures` GetAccountScore calls with `code`, then answers; records each call."""

    def __init__(self, failures, code=grpc.StatusCode.UNAVAILABLE, stall=0.0):
        self.failures = failures
        self.code = code
        self.stall = stall
        self.calls = []
        self.lock = threading.Lock()

    def GetAccountScore(self, request, context):
        with self.lock:
            self.calls.append((dict(context.invocation_metadata()), context.time_remaining(), request))
            failing = len(self.calls) <= self.failures
        if self.stall:
            deadline = time.monotonic() + self.stall
            while context.is_active() and time.monotonic() < deadline:
                time.sleep(0.01)
        if failing:
            context.abort(self.code, f"stub failure {len(self.calls)}")
        return scores_pb2.AccountScore(account_id=request.account_id, posts=7)


class FlakyIngest(ingest_pb2_grpc.IngestServiceServicer):
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    def Ingest(self, request, context):
        self.calls += 1
        if self.calls <= self.failures:
            context.abort(grpc.StatusCode.UNAVAILABLE, "restarting")
        return interactions_pb2.IngestResponse(batch_id=request.batch_id, accepted=len(request.interactions))


def serve(scores=None, ingest=None):
    registrations = []
    if scores:
        registrations.append(lambda s: scores_pb2_grpc.add_ScoreServiceServicer_to_server(scores, s))
    if ingest:
        registrations.append(lambda s: ingest_pb2_grpc.add_IngestServiceServicer_to_server(ingest, s))
    return StubServer(*registrations)


class RetryAgainstStubTest(unittest.TestCase):
    def test_unavailable_then_success_is_retried_transparently(self):
        stub = FlakyScores(failures=2)
        with serve(stub) as address, ScoringGridClient(address, "k1", timeout=5, retry=FAST) as client:
            score = client.get_account_score("acct", as_of=123)
        self.assertEqual((score.account_id, score.posts), ("acct", 7))
        self.assertEqual(len(stub.calls), 3)
        for metadata, remaining, request in stub.calls:
            self.assertEqual(metadata.get("authorization"), "Bearer k1")
            self.assertIsNotNone(remaining)          # a deadline was sent ("grpc-timeout", rounded up)
            self.assertLessEqual(remaining, 5.5)
            self.assertEqual((request.account_id, request.as_of), ("acct", 123))

    def test_ingest_is_retried_since_it_is_idempotent(self):
        stub = FlakyIngest(failures=1)
        with serve(ingest=stub) as address, ScoringGridClient(address, "k", timeout=5, retry=FAST) as client:
            ack = client.ingest([mention("e1", "a", "b", occurred_at=1)], batch_id="b1")
        self.assertEqual((ack.batch_id, ack.accepted, stub.calls), ("b1", 1, 2))

    def test_retries_stop_after_max_attempts_with_the_last_status(self):
        stub = FlakyScores(failures=100)
        with serve(stub) as address, ScoringGridClient(address, "k", timeout=5, retry=FAST) as client:
            with self.assertRaises(ScoringGridError) as caught:
                client.get_account_score("acct")
        self.assertEqual(caught.exception.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(caught.exception.attempts, 4)
        self.assertIn("stub failure 4", caught.exception.details)
        self.assertEqual(len(stub.calls), 4)

    def test_other_codes_are_not_retried(self):
        for code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INTERNAL,
                     grpc.StatusCode.RESOURCE_EXHAUSTED):
            stub = FlakyScores(failures=1, code=code)
            with serve(stub) as address, ScoringGridClient(address, "k", timeout=5, retry=FAST) as client:
                with self.assertRaises(ScoringGridError) as caught:
                    client.get_account_score("acct")
            self.assertEqual((caught.exception.code, caught.exception.attempts, len(stub.calls)), (code, 1, 1))

    def test_an_unreachable_server_is_unavailable_after_the_retries(self):
        with socket.socket() as probe:            # a port that nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with ScoringGridClient(f"http://127.0.0.1:{port}", "k", timeout=5, retry=FAST) as client:
            with self.assertRaises(ScoringGridError) as caught:
                client.get_account("acct")
        self.assertEqual((caught.exception.code, caught.exception.attempts), (grpc.StatusCode.UNAVAILABLE, 4))


class DeadlineAgainstStubTest(unittest.TestCase):
    def test_the_default_deadline_applies_to_every_call(self):
        stub = FlakyScores(failures=0, stall=3)
        with serve(stub) as address, ScoringGridClient(address, "k", timeout=0.3) as client:
            started = time.monotonic()
            with self.assertRaises(ScoringGridError) as caught:
                client.get_account_score("acct")
            elapsed = time.monotonic() - started
        self.assertEqual(caught.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(elapsed, 1.5)
        self.assertLessEqual(stub.calls[0][1], 0.35)   # the deadline sent is the default (rounded up)

    def test_a_per_call_timeout_overrides_the_default(self):
        stub = FlakyScores(failures=0, stall=3)
        with serve(stub) as address, ScoringGridClient(address, "k", timeout=30) as client:
            started = time.monotonic()
            with self.assertRaises(ScoringGridError) as caught:
                client.get_account_score("acct", timeout=0.2)
        self.assertEqual(caught.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(time.monotonic() - started, 1.5)

    def test_retries_never_outlast_the_deadline(self):
        stub = FlakyScores(failures=100)
        slow = RetryPolicy(max_attempts=10, initial_backoff=1.0, jitter=0)
        with serve(stub) as address, ScoringGridClient(address, "k", timeout=0.5, retry=slow) as client:
            started = time.monotonic()
            with self.assertRaises(ScoringGridError) as caught:
                client.get_account_score("acct")
        self.assertEqual(caught.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertIn("UNAVAILABLE", caught.exception.details)
        self.assertLess(time.monotonic() - started, 0.5)
        self.assertEqual(len(stub.calls), 1)


class FakeRpcError(grpc.RpcError):
    def __init__(self, code):
        super().__init__()
        self._code = code

    def code(self):
        return self._code

    def details(self):
        return f"fake {self._code.name}"


class CallWithRetryTest(unittest.TestCase):
    """The retry loop alone, with a fake clock: backoff growth, cap and deadline budget."""

    def setUp(self):
        self.now = 100.0
        self.pauses = []
        self.budgets = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.pauses.append(seconds)
        self.now += seconds

    def attempt_failing(self, times, code=grpc.StatusCode.UNAVAILABLE):
        def attempt(remaining):
            self.budgets.append(remaining)
            self.now += 0.01
            if len(self.budgets) <= times:
                raise FakeRpcError(code)
            return "answer"
        return attempt

    def test_backoff_grows_by_the_multiplier_up_to_the_cap(self):
        policy = RetryPolicy(max_attempts=6, initial_backoff=0.1, multiplier=2, max_backoff=0.5, jitter=0)
        result = call_with_retry(self.attempt_failing(5), "M", 60, policy, self.sleep, self.clock)
        self.assertEqual(result, "answer")
        self.assertEqual([round(p, 6) for p in self.pauses], [0.1, 0.2, 0.4, 0.5, 0.5])
        self.assertAlmostEqual(self.budgets[0], 60)
        self.assertAlmostEqual(self.budgets[-1], 60 - 0.05 - 1.7)   # the budget shrinks by what was spent

    def test_jitter_stays_within_its_fraction(self):
        policy = RetryPolicy(initial_backoff=1.0, jitter=0.2)
        for attempt in range(1, 4):
            base = min(policy.max_backoff, 2 ** (attempt - 1))
            for _ in range(50):
                self.assertTrue(0.8 * base <= policy.backoff(attempt) <= 1.2 * base)

    def test_gives_up_with_deadline_exceeded_when_the_pause_would_pass_the_deadline(self):
        policy = RetryPolicy(max_attempts=5, initial_backoff=1.0, jitter=0)
        with self.assertRaises(ScoringGridError) as caught:
            call_with_retry(self.attempt_failing(5), "GetRelationship", 2.5, policy, self.sleep, self.clock)
        self.assertEqual(caught.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertEqual(caught.exception.method, "GetRelationship")
        self.assertEqual(self.pauses, [1.0])
        self.assertEqual(caught.exception.attempts, 2)

    def test_policy_rejects_nonsense(self):
        for bad in ({"max_attempts": 0}, {"initial_backoff": -1}, {"multiplier": 0.5}, {"jitter": 1.5}):
            with self.assertRaises(ValueError):
                RetryPolicy(**bad)


if __name__ == "__main__":
    unittest.main()
