"""Tests of compare.py: defaults equal missing fields, numbers compare as numbers, real
mismatches are reported with their JSON path and exit status 1."""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare  # noqa: E402


def output(results, client="python", **extra):
    document = {"client": client, "upserts": [], "acks": [], "results": results}
    document.update(extra)
    return document


class DefaultEqualsMissingTest(unittest.TestCase):
    def test_each_kind_of_default_equals_a_missing_field(self):
        for default in (0, 0.0, "0", "", False, None, [], {}, "TIER_UNSPECIFIED", {"answered": "0", "slaMs": 0}):
            with self.subTest(default=default):
                self.assertEqual(compare.compare({"x": default, "y": 1}, {"y": 1}), [])
                self.assertEqual(compare.compare({"y": 1}, {"x": default, "y": 1}), [])

    def test_a_missing_field_on_one_side_is_a_difference_when_the_other_is_not_default(self):
        for value in (1, "7", True, "abc", ["a"], {"a": 1}, "TIER_CLOSE", 0.5):
            with self.subTest(value=value):
                lines = compare.compare({"response": {"x": value}}, {"response": {}})
                self.assertEqual(len(lines), 1)
                self.assertTrue(lines[0].startswith("$.response.x: "), lines[0])
                self.assertTrue(lines[0].endswith("!= (missing)"), lines[0])

    def test_a_default_object_equals_a_missing_one_in_a_real_answer(self):
        printed_with_defaults = output([{"method": "GetResponsiveness", "response": {
            "accountId": "a", "summary": {"answered": "0", "openWithinSla": "0", "openPastSla": "0",
                                          "answerSamples": "0", "slaMs": "86400000"}, "asOf": "1"}}])
        printed_without = output([{"method": "GetResponsiveness", "response": {
            "accountId": "a", "summary": {"slaMs": "86400000"}, "asOf": "1"}}], client="dotnet")
        self.assertEqual(compare.compare(printed_with_defaults, printed_without), [])


class NumbersTest(unittest.TestCase):
    def test_int64_as_string_equals_the_same_number(self):
        self.assertEqual(compare.compare({"count": "5"}, {"count": 5}), [])
        self.assertEqual(compare.compare({"asOf": "1794744000000"}, {"asOf": 1794744000000}), [])

    def test_a_double_printed_without_fraction_equals_the_same_value(self):
        self.assertEqual(compare.compare({"weight": 1.0}, {"weight": 1}), [])

    def test_doubles_are_compared_exactly_by_default(self):
        lines = compare.compare({"s": 118.98567258205944}, {"s": 118.98567258205941})
        self.assertEqual(len(lines), 1)
        self.assertIn("$.s: 118.98567258205944 != 118.98567258205941", lines[0])
        self.assertIn("relative difference", lines[0])

    def test_a_relative_tolerance_admits_rounding_but_not_a_real_difference(self):
        self.assertEqual(compare.compare({"s": 118.98567258205944}, {"s": 118.98567258205941}, 1e-12), [])
        self.assertEqual(len(compare.compare({"s": 118.985672582}, {"s": 118.985672583}, 1e-12)), 1)

    def test_int64_values_stay_exact_whatever_the_tolerance(self):
        self.assertEqual(len(compare.compare({"n": "9007199254740993"}, {"n": "9007199254740992"}, 0.5)), 1)

    def test_a_string_that_is_not_a_number_differs_from_a_number(self):
        self.assertEqual(len(compare.compare({"id": "abc"}, {"id": 0.0})), 1)


class MismatchTest(unittest.TestCase):
    def test_a_real_mismatch_is_reported_with_its_path_and_method(self):
        a = output([{"method": "GetAccount", "error": {"code": "NOT_FOUND"}},
                    {"method": "GetRelationship", "response": {"pair": {"accountA": "x", "accountB": "y"},
                                                               "strength": 2.5, "tierForA": "TIER_CLOSE"}}])
        b = json.loads(json.dumps(a))
        b["results"][1]["response"]["tierForA"] = "TIER_ACTIVE"
        lines = compare.compare(a, b)
        self.assertEqual(lines, ['$.results[1]<GetRelationship>.response.tierForA: "TIER_CLOSE" != "TIER_ACTIVE"'])

    def test_an_error_where_a_response_was_expected_is_a_difference(self):
        a = output([{"method": "GetAccount", "response": {"accountId": "x"}}])
        b = output([{"method": "GetAccount", "error": {"code": "NOT_FOUND"}}])
        lines = compare.compare(a, b)
        self.assertIn('$.results[0]<GetAccount>.response: {"accountId": "x"} != (missing)', lines)
        self.assertIn('$.results[0]<GetAccount>.error: (missing) != {"code": "NOT_FOUND"}', lines)

    def test_lists_of_different_lengths_report_the_extra_items(self):
        lines = compare.compare({"acks": [{"accepted": 1}]}, {"acks": [{"accepted": 1}, {"accepted": 2}]})
        self.assertEqual(lines, ['$.acks[1]: (missing) != {"accepted": 2}'])

    def test_the_client_name_and_ack_batch_ids_are_not_compared(self):
        a = output([], client="python", acks=[{"batchId": "batch-0", "accepted": 3}])
        b = output([], client="node", acks=[{"batchId": "0", "accepted": 3}])
        self.assertEqual(compare.compare(a, b), [])
        b["acks"][0]["accepted"] = 2
        self.assertEqual(compare.compare(a, b), ["$.acks[0].accepted: 3 != 2"])

    def test_updated_at_is_compared_by_presence_only(self):
        a = {"upserts": [{"account": {"accountId": "x", "updatedAt": "1795326360549"}}]}
        later = {"upserts": [{"account": {"accountId": "x", "updatedAt": "1795326360777"}}]}
        unset = {"upserts": [{"account": {"accountId": "x"}}]}
        self.assertEqual(compare.compare(a, later), [])
        self.assertEqual(compare.compare(a, unset), ['$.upserts[0].account.updatedAt: "1795326360549" != (missing)'])


class CommandLineTest(unittest.TestCase):
    def run_main(self, *documents, options=()):
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for i, document in enumerate(documents):
                path = os.path.join(folder, f"out{i}.json")
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(document, f)
                paths.append(path)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
                status = compare.main([*options, *paths])
            return status, printed.getvalue()

    def test_agreeing_files_exit_0(self):
        a = output([{"method": "GetAccountScore", "response": {"accountId": "x", "posts": "0"}}])
        b = output([{"method": "GetAccountScore", "response": {"accountId": "x"}}], client="node")
        status, printed = self.run_main(a, b, a)
        self.assertEqual(status, 0)
        self.assertIn("all 3 files agree", printed)

    def test_a_differing_file_exits_1_and_names_the_path(self):
        a = output([{"method": "GetAccountScore", "response": {"accountId": "x", "posts": "3"}}])
        b = output([{"method": "GetAccountScore", "response": {"accountId": "x", "posts": "4"}}], client="node")
        status, printed = self.run_main(a, a, b)
        self.assertEqual(status, 1)
        self.assertIn('$.results[0]<GetAccountScore>.response.posts: "3" != "4"', printed)
        self.assertIn("1 of 2 file(s) differ", printed)

    def test_tolerance_option(self):
        a = output([{"method": "GetAccountScore", "response": {"engagementGiven": 232.15262262228032}}])
        b = output([{"method": "GetAccountScore", "response": {"engagementGiven": 232.1526226222803}}])
        self.assertEqual(self.run_main(a, b)[0], 1)
        self.assertEqual(self.run_main(a, b, options=("--relative-tolerance", "1e-12"))[0], 0)

    def test_unreadable_input_exits_2(self):
        status, _ = self.run_main(output([]))
        self.assertEqual(status, 2)
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(compare.main(["/nonexistent/a.json", "/nonexistent/b.json"]), 2)


if __name__ == "__main__":
    unittest.main()
