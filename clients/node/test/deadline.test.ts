/** Deadlines: every call has one, and an expired one rejects with DEADLINE_EXCEEDED. */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { ScoringGridClient, ScoringGridError, Status } from '../src';
import { liveClient, TEST_TIMEOUT_MS } from './helpers/live';
import { startStub, StubServer } from './helpers/stub-server';
import { relationshipOf } from './helpers/stub-responses';

const SLOW_MS = 3000;

function isDeadlineExceeded(error: unknown): boolean {
  assert.ok(error instanceof ScoringGridError, `a ScoringGridError, got ${String(error)}`);
  assert.equal(error.codeName, 'DEADLINE_EXCEEDED');
  return true;
}

describe('deadlines', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  let stub: StubServer;
  let unavailableCalls = 0;

  before(async () => {
    stub = await startStub({
      'scoringgrid.v1.ScoreService': {
        GetRelationship: (call: ServerUnaryCall<{ pair: { accountA: string; accountB: string } }, object>, callback: sendUnaryData<object>) => {
          const timer = setTimeout(() => callback(null, relationshipOf(call.request.pair.accountA, call.request.pair.accountB)), SLOW_MS);
          call.on('cancelled', () => clearTimeout(timer));
        },
        GetAccountScore: (_call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
          unavailableCalls++;
          callback({ code: Status.UNAVAILABLE, details: 'always down' });
        },
      },
    });
  });
  after(() => stub.stop());

  test('an idle IngestStream on the live server ends with DEADLINE_EXCEEDED at its deadline', { timeout: TEST_TIMEOUT_MS }, async () => {
    const client = liveClient();
    try {
      const started = Date.now();
      const stream = client.openIngestStream({ deadlineMs: 300 });
      await assert.rejects(stream.completion, isDeadlineExceeded);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 250 && elapsed < 5000, `ended after ${elapsed} ms`);
      await assert.rejects(stream.send([]), isDeadlineExceeded);
    } finally {
      client.close();
    }
  });

  test("the client's default deadline applies to every call", { timeout: TEST_TIMEOUT_MS }, async () => {
    const client = new ScoringGridClient({ address: stub.address, apiKey: 'k', deadlineMs: 200 });
    try {
      const started = Date.now();
      await assert.rejects(client.getRelationship('a', 'b'), isDeadlineExceeded);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 150 && elapsed < SLOW_MS, `rejected after ${elapsed} ms`);
    } finally {
      client.close();
    }
  });

  test('a per-call deadline overrides the default', { timeout: TEST_TIMEOUT_MS }, async () => {
    const client = new ScoringGridClient({ address: stub.address, apiKey: 'k', deadlineMs: 60_000 });
    try {
      const started = Date.now();
      await assert.rejects(client.getRelationship('a', 'b', { deadlineMs: 250 }), isDeadlineExceeded);
      assert.ok(Date.now() - started < SLOW_MS);
      await assert.rejects(client.getRelationship('a', 'b', { deadlineMs: -1 }), /deadlineMs: must be a positive number/);
    } finally {
      client.close();
    }
  });

  test('retries stop at the deadline: DEADLINE_EXCEEDED names the last failure', { timeout: TEST_TIMEOUT_MS }, async () => {
    const client = new ScoringGridClient({
      address: stub.address, apiKey: 'k', deadlineMs: 300,
      retry: { maxAttempts: 10, initialBackoffMs: 1000, jitter: 0 },
    });
    try {
      unavailableCalls = 0;
      const started = Date.now();
      await assert.rejects(client.getAccountScore('a'), (error: unknown) => {
        isDeadlineExceeded(error);
        const failure = error as ScoringGridError;
        assert.match(failure.details, /UNAVAILABLE: always down/);
        assert.equal(failure.attempts, 1);
        return true;
      });
      assert.ok(Date.now() - started < 1000, 'did not sleep past the deadline');
      assert.equal(unavailableCalls, 1);
    } finally {
      client.close();
    }
  });
});
