"""Tests of the committed scenario: it is what generate_scenario.py makes, and it covers what
the contract asks for."""

import collections
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_scenario  # noqa: E402


class ScenarioTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(HERE, "scenario.json"), encoding="utf-8") as f:
            cls.text = f.read()
        cls.scenario = json.loads(cls.text)
        cls.items = [item for batch in cls.scenario["batches"] for item in batch]

    def test_committed_file_is_the_generator_output(self):
        self.assertEqual(generate_scenario.to_json(generate_scenario.generate()), self.text,
                         "scenario.json is stale: run clients/compat/generate_scenario.py")

    def test_generation_is_deterministic_and_depends_on_the_seed(self):
        self.assertEqual(generate_scenario.generate(7), generate_scenario.generate(7))
        self.assertNotEqual(generate_scenario.generate(7), generate_scenario.generate(8))

    def test_shape(self):
        self.assertEqual(self.scenario["accounts"][0]["account"]["segment"], "SEGMENT_BRAND")
        audience = {i["actor"] for i in self.items} | {i.get("target") for i in self.items}
        self.assertGreaterEqual(len(audience - {None, "northwind"}), 30)
        self.assertTrue(3 <= len(self.scenario["batches"]) <= 6)
        self.assertTrue(15 <= len(self.scenario["queries"]) <= 25)

    def test_every_kind_but_the_unscored_ones_occurs(self):
        kinds = collections.Counter(i["kind"] for i in self.items)
        for kind in ("MENTION", "REPLY", "DIRECT_MESSAGE", "LIKE", "SHARE", "COMMENT", "FOLLOW", "UNFOLLOW",
                     "CONVERSION", "POST", "VIEW", "CLICK"):
            self.assertIn(f"INTERACTION_KIND_{kind}", kinds)
        self.assertTrue(all("value" in i for i in self.items if i["kind"] == "INTERACTION_KIND_CONVERSION"))
        self.assertTrue(any("inReplyTo" in i for i in self.items))
        dms = {(i["actor"], i["target"]) for i in self.items if i["kind"] == "INTERACTION_KIND_DIRECT_MESSAGE"}
        self.assertTrue(any((b, a) in dms for a, b in dms), "DMs both ways")

    def test_one_event_is_resent_and_one_item_is_invalid(self):
        ids = collections.Counter(i["eventId"] for i in self.items)
        resent = [e for e, n in ids.items() if n > 1]
        self.assertEqual(len(resent), 1)
        copies = [i for i in self.items if i["eventId"] == resent[0]]
        self.assertEqual(copies[0], copies[1], "the re-sent event is an exact copy")
        self.assertEqual(sum(1 for i in self.items if i["actor"] == i.get("target")), 1)

    def test_timestamps_are_in_november_2026_and_every_query_has_as_of(self):
        for item in self.items:
            self.assertTrue(generate_scenario.millis(2026, 11, 1) <= int(item["occurredAt"])
                            < generate_scenario.millis(2026, 12, 1))
        for query in self.scenario["queries"]:
            if query["method"] != "GetAccount":
                self.assertIn("asOf", query["request"], query)

    def test_queries_cover_every_method_direction_minimum_tier_and_a_never_seen_account(self):
        queries = self.scenario["queries"]
        self.assertEqual({q["method"] for q in queries}, {
            "GetAccount", "GetAccountScore", "GetRelationship", "BatchGetRelationships", "GetTopRelationships",
            "GetResponsiveness", "ListOpenExpectations"})
        top = [q["request"] for q in queries if q["method"] == "GetTopRelationships"]
        self.assertEqual({r.get("direction") for r in top} - {None},
                         {"DIRECTION_BOTH", "DIRECTION_INBOUND", "DIRECTION_OUTBOUND"})
        self.assertTrue(any("minimumTier" in r for r in top))
        self.assertTrue(any(q["request"].get("accountId") == generate_scenario.NEVER_SEEN for q in queries))


if __name__ == "__main__":
    unittest.main()
