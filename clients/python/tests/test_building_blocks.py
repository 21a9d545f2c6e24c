"""Client-side pieces that need no server: addresses, interaction constructors, enum names,
the error type, constructor checks."""

import datetime
import unittest

import support  # noqa: F401  (puts the client on the import path)

import grpc
from scoringgrid import (Interaction, ScoringGridClient, ScoringGridError, conversion, direct_message, from_dict,
                         interaction, mention, post, reply, to_dict)
from scoringgrid import enums
from scoringgrid.address import parse_address


class AddressTest(unittest.TestCase):
    def test_accepted_forms(self):
        self.assertEqual(parse_address("127.0.0.1:50051"), ("127.0.0.1:50051", False))
        self.assertEqual(parse_address("http://127.0.0.1:50051"), ("127.0.0.1:50051", False))
        self.assertEqual(parse_address("http://127.0.0.1:50051/"), ("127.0.0.1:50051", False))
        self.assertEqual(parse_address("https://scoring.example:443"), ("scoring.example:443", True))
        self.assertEqual(parse_address("[::1]:7000"), ("[::1]:7000", False))

    def test_rejected_forms_name_the_address(self):
        for bad in ("", "127.0.0.1", "http://127.0.0.1", "ftp://h:1", "http://h:1/path", "h:port"):
            with self.subTest(bad=bad), self.assertRaises(ValueError) as caught:
                parse_address(bad)
            self.assertIn("address", str(caught.exception))


class InteractionTest(unittest.TestCase):
    def test_interaction_with_every_field(self):
        message = interaction("e1", "alice", "brand", kind="reply", occurred_at=1_790_000_000_000,
                              in_reply_to="e0", sentiment=-0.25)
        self.assertEqual(to_dict(message), {
            "eventId": "e1", "actor": "alice", "target": "brand", "kind": "INTERACTION_KIND_REPLY",
            "occurredAt": "1790000000000", "inReplyTo": "e0", "sentiment": -0.25})
        self.assertFalse(message.HasField("value"))

    def test_kind_by_short_name_full_name_or_number(self):
        for kind in ("DIRECT_MESSAGE", "direct_message", "INTERACTION_KIND_DIRECT_MESSAGE", 9):
            self.assertEqual(interaction("e", "a", "b", kind=kind, occurred_at=1).kind, 9)
        with self.assertRaises(ValueError) as caught:
            interaction("e", "a", "b", kind="POKE")
        self.assertIn("kind", str(caught.exception))
        self.assertIn("MENTION", str(caught.exception))

    def test_occurred_at_from_aware_datetime_or_now(self):
        moment = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.timezone.utc)
        self.assertEqual(mention("e", "a", "b", occurred_at=moment).occurred_at, 1_793_611_800_000)
        with self.assertRaises(ValueError):
            mention("e", "a", "b", occurred_at=datetime.datetime(2026, 11, 2))
        before = support.now_ms()
        self.assertTrue(before <= mention("e", "a", "b").occurred_at <= support.now_ms())

    def test_shorthands(self):
        self.assertEqual(reply("e", "a", "b", in_reply_to="x", occurred_at=5).in_reply_to, "x")
        self.assertEqual(direct_message("e", "a", "b", occurred_at=5).kind, 9)
        sale = conversion("e", "a", "b", value=19.99, occurred_at=5)
        self.assertEqual((sale.kind, sale.value, sale.HasField("value")), (10, 19.99, True))
        broadcast = post("e", "a", occurred_at=5)
        self.assertEqual((broadcast.kind, broadcast.target), (12, ""))

    def test_proto3_json_round_trip(self):
        message = conversion("e", "a", "b", value=3.5, occurred_at=7)
        self.assertEqual(from_dict(to_dict(message), Interaction), message)


class EnumTest(unittest.TestCase):
    def test_names_and_defaults(self):
        self.assertEqual(enums.direction("inbound"), 2)
        self.assertEqual(enums.direction(None), 0)
        self.assertEqual(enums.tier("CLOSE"), 2)
        self.assertEqual(enums.segment("SEGMENT_BRAND"), 7)
        with self.assertRaises(ValueError) as caught:
            enums.tier("FRIENDS")
        self.assertIn("minimum_tier", str(caught.exception))
        with self.assertRaises(ValueError):
            enums.direction(42)
        with self.assertRaises(TypeError):
            enums.segment(True)


class ErrorTest(unittest.TestCase):
    def test_carries_code_and_detail(self):
        error = ScoringGridError(grpc.StatusCode.NOT_FOUND, "account 'x' was never seen", "GetAccount", attempts=1)
        self.assertEqual((error.code, error.code_name, error.method), (grpc.StatusCode.NOT_FOUND, "NOT_FOUND",
                                                                       "GetAccount"))
        self.assertEqual(str(error), "GetAccount: NOT_FOUND: account 'x' was never seen")
        retried = ScoringGridError(grpc.StatusCode.UNAVAILABLE, "down", "Ingest", attempts=3)
        self.assertEqual(str(retried), "Ingest: UNAVAILABLE: down (after 3 attempts)")


class ConstructorTest(unittest.TestCase):
    def test_requires_a_key_and_positive_timeouts(self):
        with self.assertRaises(ValueError):
            ScoringGridClient("127.0.0.1:1", "")
        with self.assertRaises(ValueError):
            ScoringGridClient("127.0.0.1:1", "k", timeout=0)
        with self.assertRaises(ValueError):
            ScoringGridClient("127.0.0.1:1", "k", stream_timeout=-1)

    def test_context_manager_closes_the_channel(self):
        with ScoringGridClient("http://127.0.0.1:1", "k") as client:
            self.assertEqual(client.target, "127.0.0.1:1")
        with self.assertRaises(ValueError):     # grpcio refuses calls on a closed channel
            client.get_account("a", timeout=1)


if __name__ == "__main__":
    unittest.main()
