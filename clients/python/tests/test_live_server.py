"""The client against a live ScoringGrid server (SCORINGGRID_ADDRESS, SCORINGGRID_API_KEY).
Every test works on ids of its own, so the tests can share one tenant and run in any order."""

import threading
import time
import unittest

from support import DAY_MS, HOUR_MS, live_server, now_ms, unique

import grpc
from scoringgrid import (IngestRequest, ScoringGridClient, ScoringGridError, conversion, direct_message,
                         interaction, mention, reply)


class LiveServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address, cls.api_key = live_server()
        cls.client = ScoringGridClient(cls.address, cls.api_key, timeout=10)
        cls.client.health(timeout=5)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def setUp(self):
        self.p = unique(self.id().rsplit(".", 1)[-1][5:20])
        self.t0 = now_ms() - 20 * DAY_MS   # 20 days ago; queries evaluate at t0 + 14 days

    def ids(self, *names):
        return [f"{self.p}-{n}" for n in names]

    def test_health_is_serving(self):
        self.assertEqual(self.client.health(), "SERVING")

    def test_ingest_then_query_round_trip(self):
        alice, brand, carol = self.ids("alice", "brand", "carol")
        t0 = self.t0
        upserted = self.client.upsert_account(brand, display_name="The Brand", segment="BRAND", topics=["coffee"])
        self.assertTrue(upserted.created)
        self.assertEqual(upserted.account.segment, 7)
        ack = self.client.ingest([
            mention(f"{self.p}-e1", alice, brand, occurred_at=t0, sentiment=0.5),
            interaction(f"{self.p}-e2", alice, brand, kind="LIKE", occurred_at=t0),
            reply(f"{self.p}-e3", brand, alice, in_reply_to=f"{self.p}-e1", occurred_at=t0 + HOUR_MS),
            direct_message(f"{self.p}-e4", carol, brand, occurred_at=t0 + 2 * HOUR_MS),
            conversion(f"{self.p}-e5", carol, brand, value=42.5, occurred_at=t0 + 3 * HOUR_MS),
        ], batch_id="round-trip")
        self.assertEqual((ack.batch_id, ack.accepted, ack.duplicates, len(ack.rejected)), ("round-trip", 5, 0, 0))

        as_of = t0 + 14 * DAY_MS                          # one relationship half-life after t0
        rel = self.client.get_relationship(alice, brand, as_of=as_of)
        self.assertEqual((rel.pair.account_a, rel.pair.account_b), (alice, brand))
        self.assertAlmostEqual(rel.a_to_b, (4 + 1) / 2, places=9)           # MENTION 4 + LIKE 1, halved
        self.assertAlmostEqual(rel.b_to_a, 8 * 2 ** (-1 + 1 / (14 * 24)), places=9)  # REPLY 8, an hour later
        expected_reciprocity = 2 * min(rel.a_to_b, rel.b_to_a) / (rel.a_to_b + rel.b_to_a)
        self.assertAlmostEqual(rel.reciprocity, expected_reciprocity, places=12)
        self.assertAlmostEqual(rel.strength, (rel.a_to_b + rel.b_to_a) * (0.5 + 0.5 * expected_reciprocity), places=9)
        self.assertEqual({c.kind: c.count for c in rel.a_to_b_counts}, {6: 1, 3: 1})
        self.assertEqual((rel.first_interaction, rel.last_interaction), (t0, t0 + HOUR_MS))
        self.assertEqual(rel.parameters.as_of, as_of)

        score = self.client.get_account_score(brand, as_of=as_of)
        self.assertEqual({c.kind: c.count for c in score.received}, {3: 1, 6: 1, 9: 1, 10: 1})
        self.assertAlmostEqual(score.post_rates.economic_value, 42.5)

        responsiveness = self.client.get_responsiveness(brand, as_of=as_of)
        self.assertEqual(responsiveness.summary.answered, 1)
        self.assertEqual(responsiveness.summary.median_answer_ms, HOUR_MS)
        self.assertEqual(responsiveness.summary.open_past_sla, 1)            # carol's DM, never answered

        waiting = self.client.list_open_expectations(brand, as_of=as_of)
        self.assertEqual([(e.from_account, e.event_id) for e in waiting.expectations], [(carol, f"{self.p}-e4")])
        self.assertEqual(waiting.total_open, 1)

        top = self.client.get_top_relationships(brand, direction="INBOUND", limit=5, as_of=as_of)
        self.assertEqual([r.other_account for r in top.relationships], [carol, alice])  # 10 + 15 > 5
        self.assertEqual([r.rank for r in top.relationships], [1, 2])
        inner = self.client.get_top_relationships(brand, minimum_tier="INNER_CIRCLE", as_of=as_of)
        self.assertEqual(len(inner.relationships), 2)

        batch = self.client.batch_get_relationships([(brand, alice), (alice, carol)], as_of=as_of)
        self.assertEqual(batch.results[0].WhichOneof("result"), "relationship")
        self.assertAlmostEqual(batch.results[0].relationship.b_to_a, rel.a_to_b, places=12)
        self.assertEqual(batch.results[1].WhichOneof("result"), "error")
        self.assertEqual(batch.results[1].error.code, grpc.StatusCode.NOT_FOUND.value[0])

        account = self.client.get_account(brand)
        self.assertEqual((account.display_name, list(account.topics)), ("The Brand", ["coffee"]))
        self.assertGreater(account.updated_at, 0)

    def test_reingest_counts_duplicates_once(self):
        a, b = self.ids("a", "b")
        batch = [interaction(f"{self.p}-e{i}", a, b, kind="SHARE", occurred_at=self.t0 + i) for i in range(3)]
        first = self.client.ingest(batch)
        again = self.client.ingest(batch)
        self.assertEqual((first.accepted, first.duplicates), (3, 0))
        self.assertEqual((again.accepted, again.duplicates), (0, 3))
        rel = self.client.get_relationship(a, b, as_of=self.t0 + 14 * DAY_MS)
        self.assertEqual([(c.kind, c.count) for c in rel.a_to_b_counts], [(5, 3)])

    def test_a_rejected_item_names_its_field_and_the_rest_is_accepted(self):
        a, b = self.ids("a", "b")
        ack = self.client.ingest([
            mention(f"{self.p}-ok", a, b, occurred_at=self.t0),
            mention(f"{self.p}-self", a, a, occurred_at=self.t0),
            interaction(f"{self.p}-noval", a, b, kind="CONVERSION", occurred_at=self.t0),
            interaction(f"{self.p}-nokind", a, b, kind=0, occurred_at=self.t0),
            interaction(f"{self.p}-mood", a, b, kind="LIKE", occurred_at=self.t0, sentiment=1.5),
        ])
        self.assertEqual(ack.accepted, 1)
        rejected = {(r.index, r.event_id): (r.field, r.code) for r in ack.rejected}
        invalid = grpc.StatusCode.INVALID_ARGUMENT.value[0]
        self.assertEqual(rejected, {
            (1, f"{self.p}-self"): ("target", invalid),
            (2, f"{self.p}-noval"): ("value", invalid),
            (3, f"{self.p}-nokind"): ("kind", invalid),
            (4, f"{self.p}-mood"): ("sentiment", invalid),
        })
        self.assertTrue(all(r.reason for r in ack.rejected))

    def test_never_seen_account_raises_not_found(self):
        never, = self.ids("never")
        for call in (lambda: self.client.get_account(never),
                     lambda: self.client.get_account_score(never),
                     lambda: self.client.get_relationship(never, f"{never}-2")):
            with self.assertRaises(ScoringGridError) as caught:
                call()
            self.assertEqual(caught.exception.code, grpc.StatusCode.NOT_FOUND)
            self.assertEqual(caught.exception.code_name, "NOT_FOUND")
            self.assertEqual(caught.exception.attempts, 1)
            self.assertIn(never, caught.exception.details)
            self.assertIn("NOT_FOUND", str(caught.exception))

    def test_bad_query_argument_raises_invalid_argument_naming_the_field(self):
        with self.assertRaises(ScoringGridError) as caught:
            self.client.get_account_score("")
        self.assertEqual(caught.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("account_id", caught.exception.details)

    def test_wrong_key_raises_unauthenticated(self):
        a, b = self.ids("a", "b")
        with ScoringGridClient(self.address, "not-" + self.api_key, timeout=5) as stranger:
            with self.assertRaises(ScoringGridError) as caught:
                stranger.ingest([mention(f"{self.p}-e", a, b, occurred_at=self.t0)])
            self.assertEqual(caught.exception.code, grpc.StatusCode.UNAUTHENTICATED)
            with self.assertRaises(ScoringGridError) as caught:
                list(stranger.ingest_stream([[mention(f"{self.p}-e", a, b, occurred_at=self.t0)]]))
            self.assertEqual(caught.exception.code, grpc.StatusCode.UNAUTHENTICATED)
        with self.assertRaises(ScoringGridError):   # nothing of it was ingested
            self.client.get_relationship(a, b)

    def test_stream_of_batches_gets_one_ack_per_batch_in_order(self):
        a, b, c = self.ids("a", "b", "c")
        sizes = [5, 1, 12, 3, 8, 2]
        produced = []

        def batches():                      # lazily produced, as a caller streaming a feed would
            for n, size in enumerate(sizes):
                produced.append(n)
                items = [interaction(f"{self.p}-b{n}-{i}", (a, b, c)[i % 3], (b, c, a)[i % 3], kind="LIKE",
                                     occurred_at=self.t0 + n * 1000 + i) for i in range(size)]
                if n == 4:
                    items.append(items[0])                         # a duplicate inside the batch
                    yield IngestRequest(batch_id=f"{self.p}-own-id", interactions=items)
                else:
                    yield items

        acks = list(self.client.ingest_stream(batches()))
        self.assertEqual(produced, list(range(len(sizes))))
        self.assertEqual([ack.batch_id for ack in acks],
                         ["batch-0", "batch-1", "batch-2", "batch-3", f"{self.p}-own-id", "batch-5"])
        self.assertEqual([ack.accepted for ack in acks], sizes)
        self.assertEqual([ack.duplicates for ack in acks], [0, 0, 0, 0, 1, 0])
        rel = self.client.get_relationship(a, b, as_of=self.t0 + DAY_MS)
        self.assertEqual(rel.a_to_b_counts[0].count, sum((s + 2) // 3 for s in sizes))

    def test_a_stream_past_its_deadline_raises_deadline_exceeded(self):
        a, b = self.ids("a", "b")
        release = threading.Event()

        def stalled_batches():              # the first batch only comes after the deadline
            release.wait(5)
            yield [mention(f"{self.p}-late", a, b, occurred_at=self.t0)]

        started = time.monotonic()
        try:
            with self.assertRaises(ScoringGridError) as caught:
                list(self.client.ingest_stream(stalled_batches(), timeout=0.5))
        finally:
            release.set()
        self.assertEqual(caught.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertEqual(caught.exception.method, "IngestStream")
        self.assertLess(time.monotonic() - started, 3)

if __name__ == "__main__":
    unittest.main()
