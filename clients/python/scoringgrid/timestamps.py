"""Timestamps: the protocol uses integer milliseconds since the Unix epoch."""

import datetime
import time


def to_millis(value, field):
    """An int (ms), a timezone-aware datetime, or None (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{field}: expected milliseconds or a datetime, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"{field}: a datetime needs a timezone (e.g. datetime.timezone.utc)")
        return int(value.timestamp() * 1000)
    raise TypeError(f"{field}: expected milliseconds (int) or a datetime, got {type(value).__name__}")


def now_millis():
    """The current time in ms since the epoch."""
    return time.time_ns() // 1_000_000
