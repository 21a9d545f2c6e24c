"""Convenience constructors for Interaction messages."""

from . import enums
from .timestamps import now_millis, to_millis
from .v1 import interactions_pb2


def interaction(event_id, actor, target="", kind="MENTION", occurred_at=None, in_reply_to="",
                value=None, sentiment=None):
    """One interaction.

    kind: a short name ("MENTION", "REPLY", "DIRECT_MESSAGE", ...), the full enum name or number.
    occurred_at: ms since the epoch or an aware datetime; default now.
    value: required (> 0) for CONVERSION; sentiment in [-1, 1] when known.
    Validation is the server's: a bad item comes back in the ack's `rejected` list.
    """
    message = interactions_pb2.Interaction(
        event_id=event_id,
        actor=actor,
        target=target or "",
        kind=enums.interaction_kind(kind),
        occurred_at=now_millis() if occurred_at is None else to_millis(occurred_at, "occurred_at"),
        in_reply_to=in_reply_to or "",
    )
    if value is not None:
        message.value = value
    if sentiment is not None:
        message.sentiment = sentiment
    return message


def mention(event_id, actor, target, occurred_at=None, **extra):
    """actor @mentioned target (opens an expectation of an answer on target)."""
    return interaction(event_id, actor, target, "MENTION", occurred_at, **extra)


def reply(event_id, actor, target, in_reply_to="", occurred_at=None, **extra):
    """actor replied to target, optionally naming the event answered."""
    return interaction(event_id, actor, target, "REPLY", occurred_at, in_reply_to=in_reply_to, **extra)


def direct_message(event_id, actor, target, occurred_at=None, **extra):
    """actor sent target a direct message."""
    return interaction(event_id, actor, target, "DIRECT_MESSAGE", occurred_at, **extra)


def conversion(event_id, actor, target, value, occurred_at=None, **extra):
    """actor converted thanks to target, for `value`."""
    return interaction(event_id, actor, target, "CONVERSION", occurred_at, value=value, **extra)


def post(event_id, actor, occurred_at=None, **extra):
    """actor broadcast a post (no target)."""
    return interaction(event_id, actor, "", "POST", occurred_at, **extra)
