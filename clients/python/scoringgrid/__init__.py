"""Python client of ScoringGrid (gRPC, package scoringgrid.v1).

    from scoringgrid import ScoringGridClient, interaction

    with ScoringGridClient("127.0.0.1:50051", api_key) as client:
        ack = client.ingest([interaction("e1", "alice", "brand", kind="MENTION")])
        print(client.get_account_score("brand"))

The generated protobuf modules are scoringgrid.v1.*_pb2 (messages) and *_pb2_grpc (stubs).
"""

from .client import DEFAULT_STREAM_TIMEOUT, DEFAULT_TIMEOUT, ScoringGridClient
from .convert import from_dict, to_dict
from .errors import ScoringGridError
from .interactions import conversion, direct_message, interaction, mention, post, reply
from .retry import NO_RETRY, RetryPolicy
from .v1.accounts_pb2 import Account, Segment, UpsertAccountResponse
from .v1.interactions_pb2 import IngestRequest, IngestResponse, Interaction, InteractionKind, RejectedInteraction
from .v1.scores_pb2 import (AccountPair, AccountScore, BatchGetRelationshipsResponse, Direction,
                            ListOpenExpectationsResponse, RelationshipScore, ResponsivenessResponse, Tier,
                            TopRelationshipsResponse)

__all__ = [
    "ScoringGridClient", "ScoringGridError", "RetryPolicy", "NO_RETRY", "DEFAULT_TIMEOUT",
    "DEFAULT_STREAM_TIMEOUT", "interaction", "mention", "reply", "direct_message", "conversion", "post",
    "to_dict", "from_dict", "Account", "Segment", "UpsertAccountResponse", "IngestRequest",
    "IngestResponse", "Interaction", "InteractionKind", "RejectedInteraction", "AccountPair",
    "AccountScore", "BatchGetRelationshipsResponse", "Direction", "ListOpenExpectationsResponse",
    "RelationshipScore", "ResponsivenessResponse", "Tier", "TopRelationshipsResponse",
]
