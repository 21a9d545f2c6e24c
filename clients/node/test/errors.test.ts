/** Live server: failures reject with ScoringGridError carrying the status code and details. */

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ScoringGridError, Status } from '../src';
import { hoursAgo, liveClient, TEST_TIMEOUT_MS, uniqueId } from './helpers/live';

function isError(code: Status, method: string, detailsInclude?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof ScoringGridError, `a ScoringGridError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.codeName, Status[code]);
    assert.equal(error.method, method);
    assert.equal(error.attempts, 1, 'not retried');
    if (detailsInclude) {
      assert.ok(error.details.includes(detailsInclude), `details '${error.details}' mention '${detailsInclude}'`);
    }
    return true;
  };
}

describe('errors from a live server', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  const client = liveClient();
  after(() => client.close());

  test('a never-seen account is NOT_FOUND', { timeout: TEST_TIMEOUT_MS }, async () => {
    const ghost = uniqueId('never-seen');
    await assert.rejects(client.getAccount(ghost), isError(Status.NOT_FOUND, 'GetAccount', ghost));
    await assert.rejects(client.getAccountScore(ghost), isError(Status.NOT_FOUND, 'GetAccountScore', ghost));
    await assert.rejects(client.getResponsiveness(ghost), isError(Status.NOT_FOUND, 'GetResponsiveness', ghost));
    await assert.rejects(client.getTopRelationships(ghost), isError(Status.NOT_FOUND, 'GetTopRelationships', ghost));
    await assert.rejects(client.getRelationship(ghost, uniqueId('other')), isError(Status.NOT_FOUND, 'GetRelationship'));
  });

  test('the error message carries method, code name and details', { timeout: TEST_TIMEOUT_MS }, async () => {
    const ghost = uniqueId('never-seen');
    const error = await client.getAccount(ghost).then(
      () => assert.fail('GetAccount of a never-seen account succeeded'),
      (e: unknown) => e as ScoringGridError,
    );
    assert.ok(error.message.startsWith('GetAccount: NOT_FOUND: '), error.message);
    assert.equal(error.name, 'ScoringGridError');
  });

  test('a missing account id is INVALID_ARGUMENT naming account_id', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(client.getAccount(''), isError(Status.INVALID_ARGUMENT, 'GetAccount', 'account_id'));
  });

  test('a wrong API key is UNAUTHENTICATED, for queries and ingestion', { timeout: TEST_TIMEOUT_MS }, async () => {
    const intruder = liveClient({ apiKey: uniqueId('wrong-key') });
    try {
      await assert.rejects(intruder.getAccount(uniqueId('acct')), isError(Status.UNAUTHENTICATED, 'GetAccount'));
      const ingest = intruder.ingest([
        { eventId: uniqueId('ev'), actor: uniqueId('a'), target: uniqueId('b'), kind: 'INTERACTION_KIND_LIKE', occurredAt: hoursAgo(1) },
      ]);
      await assert.rejects(ingest, isError(Status.UNAUTHENTICATED, 'Ingest'));
      await assert.rejects(intruder.ingestStream([[]]), isError(Status.UNAUTHENTICATED, 'IngestStream'));
    } finally {
      intruder.close();
    }
  });

  test('calls after close() reject with CANCELLED', { timeout: TEST_TIMEOUT_MS }, async () => {
    const closing = liveClient();
    assert.equal(await closing.health(), 'SERVING');
    closing.close();
    closing.close();
    await assert.rejects(closing.health(), isError(Status.CANCELLED, 'Health.Check', 'closed'));
  });
});
