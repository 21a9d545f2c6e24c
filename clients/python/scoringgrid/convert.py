"""Messages to and from proto3 JSON (lowerCamelCase names, enums by name, int64 as strings)."""

from google.protobuf import json_format


def to_dict(message):
    """The proto3 JSON form of a message as a dict (default values left out)."""
    return json_format.MessageToDict(message)


def from_dict(data, message_type):
    """A message of message_type parsed from its proto3 JSON form; unknown fields are an error."""
    return json_format.ParseDict(data, message_type())
