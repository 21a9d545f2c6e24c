/** Live server: ingestion and the scores it produces, idempotency, per-item rejections. */

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Interaction, Status } from '../src';
import { assertClose } from './helpers/approx';
import { hoursAgo, liveClient, TEST_TIMEOUT_MS, uniqueId } from './helpers/live';

const HOUR = 3_600_000;

describe('ingest against a live server', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  const client = liveClient();
  after(() => client.close());

  test('a mention and its reply come back as a relationship, an account score and responsiveness', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('alice');
    const b = uniqueId('bob');
    const t0 = hoursAgo(3);
    const t1 = t0 + HOUR;
    const mention = uniqueId('ev');
    const batchId = uniqueId('batch');
    const ack = await client.ingest(
      [
        { eventId: mention, actor: a, target: b, kind: 'INTERACTION_KIND_MENTION', occurredAt: t0 },
        { eventId: uniqueId('ev'), actor: b, target: a, kind: 'INTERACTION_KIND_REPLY', occurredAt: String(t1), inReplyTo: mention, sentiment: 0.5 },
      ],
      { batchId },
    );
    assert.deepEqual(ack, { batchId, accepted: 2, duplicates: 0, rejected: [] });

    const relationship = await client.getRelationship(a, b, { asOf: t1 });
    assert.deepEqual(relationship.pair, { accountA: a, accountB: b });
    assert.equal(relationship.parameters?.asOf, String(t1));
    const halfLife = Number(relationship.parameters?.halfLifeMs);
    assert.ok(halfLife > 0, 'halfLifeMs is positive');
    const aToB = 4 * 2 ** (-HOUR / halfLife);
    assertClose(relationship.aToB, aToB, 'aToB (a MENTION decayed over one hour)');
    assertClose(relationship.bToA, 8, 'bToA (a REPLY, no decay at as_of)');
    const reciprocity = (2 * Math.min(aToB, 8)) / (aToB + 8);
    assertClose(relationship.reciprocity, reciprocity, 'reciprocity');
    assertClose(relationship.strength, (aToB + 8) * (0.5 + 0.5 * reciprocity), 'strength');
    assert.deepEqual(relationship.aToBCounts, [{ kind: 'INTERACTION_KIND_MENTION', count: '1', weight: 4 }]);
    assert.deepEqual(relationship.bToACounts, [{ kind: 'INTERACTION_KIND_REPLY', count: '1', weight: 8 }]);
    assert.equal(relationship.firstInteraction, String(t0));
    assert.equal(relationship.lastInteraction, String(t1));
    assert.equal(relationship.tierForA, 'TIER_INNER_CIRCLE');
    assert.equal(relationship.rankForA, 1);
    assert.equal(relationship.rankForB, 1);

    const reversed = await client.getRelationship(b, a, { asOf: t1 });
    assert.deepEqual(reversed.pair, { accountA: b, accountB: a });
    assertClose(reversed.aToB, relationship.bToA, 'aToB of the reversed pair');
    assertClose(reversed.bToA, relationship.aToB, 'bToA of the reversed pair');

    const score = await client.getAccountScore(b, { asOf: new Date(t1) });
    assert.equal(score.accountId, b);
    assert.deepEqual(score.received, [{ kind: 'INTERACTION_KIND_MENTION', count: '1', weight: 4 }]);
    assert.deepEqual(score.given, [{ kind: 'INTERACTION_KIND_REPLY', count: '1', weight: 8 }]);
    assert.equal(score.responsiveness?.answered, '1');
    assert.equal(score.responsiveness?.medianAnswerMs, String(HOUR));
    assert.equal(score.responsiveness?.responseRate, 1);

    const responsiveness = await client.getResponsiveness(b, { asOf: t1 });
    assert.equal(responsiveness.asOf, String(t1));
    assert.deepEqual(responsiveness.summary, score.responsiveness);
  });

  test('re-ingesting the same event ids counts them once (duplicates)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('fan');
    const b = uniqueId('brand');
    const t = hoursAgo(2);
    const batch: Interaction[] = [1, 2, 3].map((i) => ({
      eventId: uniqueId(`like${i}`), actor: a, target: b, kind: 'INTERACTION_KIND_LIKE', occurredAt: t + i,
    }));
    assert.equal((await client.ingest(batch)).accepted, 3);
    const again = await client.ingest(batch);
    assert.equal(again.accepted, 0);
    assert.equal(again.duplicates, 3);
    assert.deepEqual(again.rejected, []);

    const extra: Interaction = { eventId: uniqueId('like4'), actor: a, target: b, kind: 'INTERACTION_KIND_LIKE', occurredAt: t + 4 };
    const mixed = await client.ingest([batch[0], extra, batch[2]]);
    assert.equal(mixed.accepted, 1);
    assert.equal(mixed.duplicates, 2);

    const relationship = await client.getRelationship(a, b, { asOf: t + 10 });
    assert.deepEqual(relationship.aToBCounts, [{ kind: 'INTERACTION_KIND_LIKE', count: '4', weight: 1 }]);
  });

  test('a rejected interaction names its field; the rest of the batch is applied', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('actor');
    const b = uniqueId('target');
    const t = hoursAgo(1);
    const ids = [0, 1, 2, 3, 4, 5, 6].map((i) => uniqueId(`item${i}`));
    const ack = await client.ingest([
      { eventId: ids[0], actor: a, target: b, kind: 'INTERACTION_KIND_COMMENT', occurredAt: t },
      { eventId: ids[1], actor: a, target: a, kind: 'INTERACTION_KIND_LIKE', occurredAt: t },
      { eventId: ids[2], actor: a, target: b, kind: 'INTERACTION_KIND_CONVERSION', occurredAt: t },
      { eventId: ids[3], actor: a, target: b, kind: 'INTERACTION_KIND_LIKE', occurredAt: t, sentiment: 2 },
      { eventId: ids[4], actor: a, target: b, kind: 'INTERACTION_KIND_POST', occurredAt: t },
      { eventId: '', actor: a, target: b, kind: 'INTERACTION_KIND_LIKE', occurredAt: t },
      { eventId: ids[6], actor: a, target: b, kind: 'INTERACTION_KIND_UNSPECIFIED', occurredAt: t },
    ]);
    assert.equal(ack.accepted, 1);
    assert.equal(ack.duplicates, 0);
    assert.deepEqual(
      ack.rejected.map((r) => [r.index, r.field]),
      [[1, 'target'], [2, 'value'], [3, 'sentiment'], [4, 'target'], [5, 'event_id'], [6, 'kind']],
    );
    for (const rejection of ack.rejected) {
      assert.equal(rejection.code, Status.INVALID_ARGUMENT);
      assert.ok(rejection.reason.length > 0, `reason of item ${rejection.index} is given`);
    }
    assert.equal(ack.rejected[0].eventId, ids[1]);
    const relationship = await client.getRelationship(a, b, { asOf: t });
    assert.deepEqual(relationship.aToBCounts, [{ kind: 'INTERACTION_KIND_COMMENT', count: '1', weight: 6 }]);
  });

  test('an occurredAt that is not a timestamp is refused before sending, naming the field', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(
      client.ingest([{ eventId: 'x', actor: 'a', target: 'b', kind: 'INTERACTION_KIND_LIKE', occurredAt: 1.5 }]),
      (error: Error) => error instanceof TypeError && error.message.startsWith('batch.interactions[0].occurredAt:'),
    );
  });
});
