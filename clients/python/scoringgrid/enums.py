"""Enum values by short name ("MENTION", "INBOUND", "CLOSE", "BRAND"), full name or number."""

from .v1 import accounts_pb2, interactions_pb2, scores_pb2


def _resolver(enum, prefix, field):
    def resolve(value):
        if value is None:
            return 0
        if isinstance(value, bool):
            raise TypeError(f"{field}: expected a name or a number, got {value!r}")
        if isinstance(value, int):
            if value not in enum.values():
                raise ValueError(f"{field}: {value} is not a value of {enum.DESCRIPTOR.full_name}")
            return value
        if isinstance(value, str):
            name = value.strip().upper()
            for candidate in (name, prefix + name):
                if candidate in enum.keys():
                    return enum.Value(candidate)
            names = ", ".join(k[len(prefix):] for k in enum.keys() if not k.endswith("_UNSPECIFIED"))
            raise ValueError(f"{field}: unknown value {value!r}; expected one of {names}")
        raise TypeError(f"{field}: expected a name or a number, got {type(value).__name__}")
    return resolve


interaction_kind = _resolver(interactions_pb2.InteractionKind, "INTERACTION_KIND_", "kind")
direction = _resolver(scores_pb2.Direction, "DIRECTION_", "direction")
tier = _resolver(scores_pb2.Tier, "TIER_", "minimum_tier")
segment = _resolver(accounts_pb2.Segment, "SEGMENT_", "segment")
