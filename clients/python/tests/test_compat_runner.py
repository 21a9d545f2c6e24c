"""The compat runner plays the committed scenario through the client against the live server.
Its ids are prefixed for this run, so the run does not meet earlier ones in the same tenant."""

import json
import os
import unittest

from support import CLIENT_ROOT, live_server, unique

import compat
from scoringgrid import ScoringGridClient

SCENARIO = os.path.join(CLIENT_ROOT, "..", "compat", "scenario.json")
ID_FIELDS = {"accountId", "actor", "target", "eventId", "inReplyTo", "accountA", "accountB"}


def prefixed(value, prefix):
    """A copy of a scenario document with every id prefixed."""
    if isinstance(value, dict):
        return {k: (f"{prefix}{v}" if k in ID_FIELDS and v else prefixed(v, prefix)) for k, v in value.items()}
    if isinstance(value, list):
        return [prefixed(v, prefix) for v in value]
    return value


class CompatRunnerTest(unittest.TestCase):
    def test_scenario_through_the_client(self):
        address, api_key = live_server()
        with open(SCENARIO, encoding="utf-8") as f:
            scenario = prefixed(json.load(f), unique("compat") + "-")
        with ScoringGridClient(address, api_key, timeout=20) as client:
            output = compat.run(client, scenario)

        self.assertEqual(output["client"], "python")
        self.assertEqual(len(output["upserts"]), len(scenario["accounts"]))
        self.assertTrue(all(u.get("created") for u in output["upserts"]))

        sizes = [len(batch) for batch in scenario["batches"]]
        self.assertEqual([a["batchId"] for a in output["acks"]], [f"batch-{i}" for i in range(len(sizes))])
        for ack, size in zip(output["acks"], sizes):
            self.assertEqual(ack.get("accepted", 0) + ack.get("duplicates", 0) + len(ack.get("rejected", [])), size)
        self.assertEqual(sum(a.get("duplicates", 0) for a in output["acks"]), 1)
        rejected = [r for a in output["acks"] for r in a.get("rejected", [])]
        self.assertEqual([(r["field"], r["code"]) for r in rejected], [("target", 3)])

        self.assertEqual([r["method"] for r in output["results"]], [q["method"] for q in scenario["queries"]])
        for query, result in zip(scenario["queries"], output["results"]):
            never_seen = "never-seen-account" in json.dumps(query["request"])
            if never_seen and query["method"] != "BatchGetRelationships":
                self.assertEqual(result.get("error"), {"code": "NOT_FOUND"}, query)
            else:
                self.assertIn("response", result, query)
        json.dumps(output)   # serialisable as written


if __name__ == "__main__":
    unittest.main()
