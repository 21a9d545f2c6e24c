/** Comparisons of decayed scores, which the server computes in floating point (forward decay). */

import assert from 'node:assert/strict';

/** Asserts |actual - expected| ≤ 1e-9 · max(1, |expected|). */
export function assertClose(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what}: missing`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ≈ ${expected}`);
}
