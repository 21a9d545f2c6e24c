"""The example script runs against the live server and prints what it promises."""

import os
import subprocess
import sys
import unittest

from support import CLIENT_ROOT, live_server, unique


class ExampleTest(unittest.TestCase):
    def test_ingest_and_score_example(self):
        address, api_key = live_server()
        script = os.path.join(CLIENT_ROOT, "examples", "ingest_and_score.py")
        prefix = unique("example")
        result = subprocess.run([sys.executable, script, "--address", address, "--id-prefix", prefix],
                                env={**os.environ, "SCORINGGRID_API_KEY": api_key},
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "batch example: 6 accepted, 0 duplicates, 0 rejected")
        self.assertRegex(lines[1], r"^ana -> brand \d+\.\d{3}, brand -> ana \d+\.\d{3}, .* TIER_INNER_CIRCLE$")
        self.assertIn("1 LIKE, 1 MENTION, 1 DIRECT_MESSAGE, 1 CONVERSION", lines[2])
        self.assertIn("1 answered", lines[3])
        self.assertEqual(lines[4], f"as expected, NOT_FOUND: account '{prefix}-nobody' was never upserted nor seen "
                                   "in an interaction")


if __name__ == "__main__":
    unittest.main()
