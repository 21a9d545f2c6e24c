"""ScoringGridClient: one channel to a ScoringGrid server and a method per RPC."""

import collections
import threading

import grpc

from . import enums
from .address import parse_address
from .errors import ScoringGridError
from .grpc_health.v1 import health_pb2, health_pb2_grpc
from .retry import NO_RETRY, RetryPolicy, call_with_retry
from .timestamps import to_millis
from .v1 import accounts_pb2, accounts_pb2_grpc, ingest_pb2_grpc, interactions_pb2, scores_pb2, scores_pb2_grpc

DEFAULT_TIMEOUT = 10.0
DEFAULT_STREAM_TIMEOUT = 120.0


class ScoringGridClient:
    """A client of one ScoringGrid server, for one API key (hence one tenant).

        with ScoringGridClient("127.0.0.1:50051", api_key) as client:
            client.ingest([interaction("e1", "alice", "brand", kind="MENTION")])
            print(client.get_relationship("alice", "brand").strength)

    Every call has a deadline: `timeout` seconds unless the call passes its own `timeout=`
    (ingest_stream: `stream_timeout`, for the whole stream). The key is sent on every call as
    `authorization: Bearer <key>`. A call that fails raises ScoringGridError with the status
    code and the server's detail. Every unary call is idempotent (queries; ingest by event_id;
    upsert_account replaces the same attributes), so UNAVAILABLE is retried with backoff per
    `retry` within the call's deadline. Answers are the generated messages of scoringgrid.v1.
    """

    def __init__(self, address, api_key, timeout=DEFAULT_TIMEOUT, stream_timeout=DEFAULT_STREAM_TIMEOUT,
                 retry=None, credentials=None, options=None):
        if not api_key:
            raise ValueError("api_key: required (the server answers UNAUTHENTICATED without one)")
        if timeout is None or timeout <= 0 or stream_timeout is None or stream_timeout <= 0:
            raise ValueError("timeout, stream_timeout: must be positive numbers of seconds")
        self._target, secure = parse_address(address)
        self._timeout = float(timeout)
        self._stream_timeout = float(stream_timeout)
        self._retry = retry if retry is not None else RetryPolicy()
        self._metadata = (("authorization", f"Bearer {api_key}"),)
        if secure or credentials is not None:
            credentials = credentials or grpc.ssl_channel_credentials()
            self._channel = grpc.secure_channel(self._target, credentials, options or ())
        else:
            self._channel = grpc.insecure_channel(self._target, options or ())
        self._ingest = ingest_pb2_grpc.IngestServiceStub(self._channel)
        self._accounts = accounts_pb2_grpc.AccountServiceStub(self._channel)
        self._scores = scores_pb2_grpc.ScoreServiceStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    # -- lifetime ------------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        """Closes the channel; calls in progress are cancelled."""
        self._channel.close()

    @property
    def target(self):
        """The "host:port" the channel connects to."""
        return self._target

    # -- ingest --------------------------------------------------------------------------------

    def ingest(self, interactions, batch_id="", timeout=None):
        """Ingests one batch; returns the IngestResponse (accepted, duplicates, rejected items)."""
        request = interactions_pb2.IngestRequest(batch_id=batch_id, interactions=list(interactions))
        return self._unary("Ingest", self._ingest.Ingest, request, timeout)

    def ingest_stream(self, batches, timeout=None, batch_id_prefix="batch-"):
        """Sends batches on one IngestStream call and yields one IngestResponse per batch, in order.

        batches: an iterable (possibly lazy) of IngestRequest messages or of sequences of
        Interaction; a batch without an id gets batch_id_prefix + its position from 0. The
        batches are sent as the iterable produces them, without waiting for acks, so several
        are in flight at once. Each ack is checked against the batch it answers. Not retried:
        re-send with ingest()/ingest_stream() after a failure; ingest is idempotent by event_id.
        """
        sent = collections.deque()
        lock = threading.Lock()

        def requests():
            for position, batch in enumerate(batches):
                if isinstance(batch, interactions_pb2.IngestRequest):
                    request = batch
                    if not request.batch_id:
                        request = interactions_pb2.IngestRequest()
                        request.CopyFrom(batch)
                        request.batch_id = f"{batch_id_prefix}{position}"
                else:
                    request = interactions_pb2.IngestRequest(
                        batch_id=f"{batch_id_prefix}{position}", interactions=list(batch))
                with lock:
                    sent.append(request.batch_id)
                yield request

        call = self._ingest.IngestStream(
            requests(), timeout=self._stream_timeout if timeout is None else timeout, metadata=self._metadata)
        try:
            for ack in call:
                with lock:
                    expected = sent.popleft() if sent else None
                if ack.batch_id != expected:
                    raise ScoringGridError(
                        grpc.StatusCode.INTERNAL,
                        f"batch_id: ack for {ack.batch_id!r} arrived where the ack for {expected!r} was due",
                        "IngestStream")
                yield ack
            with lock:
                missing = list(sent)
            if missing:
                raise ScoringGridError(grpc.StatusCode.INTERNAL,
                                       f"the stream ended without acks for batches {missing}", "IngestStream")
        except grpc.RpcError as error:
            raise ScoringGridError.from_rpc_error(error, "IngestStream") from None
        finally:
            call.cancel()

    # -- accounts ------------------------------------------------------------------------------

    def upsert_account(self, account_id, display_name="", segment=None, topics=(), timeout=None):
        """Creates or replaces an account's attributes; returns the UpsertAccountResponse.

        segment: "CUSTOMER", "INFLUENCER", "MEDIA", "EMPLOYEE", "PARTNER", "PROSPECT", "BRAND".
        """
        account = accounts_pb2.Account(account_id=account_id, display_name=display_name,
                                       segment=enums.segment(segment), topics=list(topics))
        request = accounts_pb2.UpsertAccountRequest(account=account)
        return self._unary("UpsertAccount", self._accounts.UpsertAccount, request, timeout)

    def get_account(self, account_id, timeout=None):
        """An account's attributes (Account); NOT_FOUND when never upserted nor seen."""
        request = accounts_pb2.GetAccountRequest(account_id=account_id)
        return self._unary("GetAccount", self._accounts.GetAccount, request, timeout)

    # -- scores --------------------------------------------------------------------------------

    def get_account_score(self, account_id, as_of=None, timeout=None):
        """An account's AccountScore at as_of (ms or aware datetime; default: the server's now)."""
        request = scores_pb2.GetAccountScoreRequest(account_id=account_id)
        _set_as_of(request, as_of)
        return self._unary("GetAccountScore", self._scores.GetAccountScore, request, timeout)

    def get_relationship(self, account_a, account_b, as_of=None, timeout=None):
        """The RelationshipScore of a pair, seen from account_a."""
        request = scores_pb2.GetRelationshipRequest(pair=_pair(account_a, account_b))
        _set_as_of(request, as_of)
        return self._unary("GetRelationship", self._scores.GetRelationship, request, timeout)

    def batch_get_relationships(self, pairs, as_of=None, timeout=None):
        """Several relationships: pairs are (a, b) tuples or AccountPair messages.

        Returns the BatchGetRelationshipsResponse; each result holds `relationship` or a
        per-item `error` (check result.WhichOneof("result")).
        """
        request = scores_pb2.BatchGetRelationshipsRequest(pairs=[_pair(*p) if isinstance(p, (tuple, list)) else p
                                                                 for p in pairs])
        _set_as_of(request, as_of)
        return self._unary("BatchGetRelationships", self._scores.BatchGetRelationships, request, timeout)

    def get_top_relationships(self, account_id, direction=None, limit=0, minimum_tier=None, as_of=None,
                              timeout=None):
        """An account's top relationships (TopRelationshipsResponse), best first.

        direction: "BOTH" (default), "INBOUND" or "OUTBOUND"; limit 0 = the server's default;
        minimum_tier: e.g. "CLOSE" leaves out relationships below that tier.
        """
        request = scores_pb2.GetTopRelationshipsRequest(
            account_id=account_id, direction=enums.direction(direction), limit=limit,
            minimum_tier=enums.tier(minimum_tier))
        _set_as_of(request, as_of)
        return self._unary("GetTopRelationships", self._scores.GetTopRelationships, request, timeout)

    def get_responsiveness(self, account_id, as_of=None, timeout=None):
        """An account's ResponsivenessResponse (answered, open, response rate, answer times)."""
        request = scores_pb2.GetResponsivenessRequest(account_id=account_id)
        _set_as_of(request, as_of)
        return self._unary("GetResponsiveness", self._scores.GetResponsiveness, request, timeout)

    def list_open_expectations(self, account_id, limit=0, as_of=None, timeout=None):
        """Who still waits for an answer from the account, oldest first (ListOpenExpectationsResponse)."""
        request = scores_pb2.ListOpenExpectationsRequest(account_id=account_id, limit=limit)
        _set_as_of(request, as_of)
        return self._unary("ListOpenExpectations", self._scores.ListOpenExpectations, request, timeout)

    # -- health --------------------------------------------------------------------------------

    def health(self, service="", timeout=None):
        """The serving status of the server ("" ) or of a service, as a name: "SERVING", ..."""
        request = health_pb2.HealthCheckRequest(service=service)
        response = self._unary("Check", self._health.Check, request, timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)

    # -- plumbing ------------------------------------------------------------------------------

    def _unary(self, method, stub_method, request, timeout, idempotent=True):
        budget = self._timeout if timeout is None else timeout
        if budget is None or budget <= 0:
            raise ValueError("timeout: must be a positive number of seconds")
        return call_with_retry(
            lambda remaining: stub_method(request, timeout=remaining, metadata=self._metadata),
            method, budget, self._retry if idempotent else NO_RETRY)


def _pair(account_a, account_b):
    return scores_pb2.AccountPair(account_a=account_a, account_b=account_b)


def _set_as_of(request, as_of):
    millis = to_millis(as_of, "as_of")
    if millis is not None:
        request.as_of = millis
