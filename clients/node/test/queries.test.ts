/** Live server: accounts, top relationships, batch lookups, open expectations, health. */

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Status } from '../src';
import { assertClose } from './helpers/approx';
import { hoursAgo, liveClient, TEST_TIMEOUT_MS, uniqueId } from './helpers/live';

const HOUR = 3_600_000;

describe('queries against a live server', { timeout: TEST_TIMEOUT_MS * 5 }, () => {
  const client = liveClient();
  after(() => client.close());

  test('upsertAccount creates, then replaces; getAccount reads it back', { timeout: TEST_TIMEOUT_MS }, async () => {
    const id = uniqueId('acct');
    const created = await client.upsertAccount({ accountId: id, displayName: 'Ada', segment: 'SEGMENT_INFLUENCER', topics: ['coffee', 'tea'] });
    assert.equal(created.created, true);
    assert.deepEqual(
      { ...created.account, updatedAt: undefined },
      { accountId: id, displayName: 'Ada', segment: 'SEGMENT_INFLUENCER', topics: ['coffee', 'tea'], updatedAt: undefined },
    );
    assert.ok(BigInt(created.account!.updatedAt) > 0n, 'updatedAt is set by the server');

    const replaced = await client.upsertAccount({ accountId: id, displayName: 'Ada L.' });
    assert.equal(replaced.created, false);
    const read = await client.getAccount(id);
    assert.equal(read.displayName, 'Ada L.');
    assert.equal(read.segment, 'SEGMENT_UNSPECIFIED');
    assert.deepEqual(read.topics, []);
  });

  test('getTopRelationships ranks by strength, inbound and outbound', { timeout: TEST_TIMEOUT_MS }, async () => {
    const hub = uniqueId('hub');
    const [dm, comment, like] = [uniqueId('dm'), uniqueId('comment'), uniqueId('like')];
    const t = hoursAgo(2);
    const ack = await client.ingest([
      { eventId: uniqueId('e'), actor: hub, target: like, kind: 'INTERACTION_KIND_LIKE', occurredAt: t },
      { eventId: uniqueId('e'), actor: hub, target: dm, kind: 'INTERACTION_KIND_DIRECT_MESSAGE', occurredAt: t },
      { eventId: uniqueId('e'), actor: hub, target: comment, kind: 'INTERACTION_KIND_COMMENT', occurredAt: t },
    ]);
    assert.equal(ack.accepted, 3);

    const top = await client.getTopRelationships(hub, { asOf: t });
    assert.equal(top.accountId, hub);
    assert.deepEqual(
      top.relationships.map((r) => [r.otherAccount, r.rank, r.tier]),
      [[dm, 1, 'TIER_INNER_CIRCLE'], [comment, 2, 'TIER_INNER_CIRCLE'], [like, 3, 'TIER_INNER_CIRCLE']],
    );
    // One-way attention counts half: strength = weight · 0.5.
    [5, 3, 0.5].forEach((strength, i) => assertClose(top.relationships[i].score, strength, `strength of rank ${i + 1}`));
    assert.equal(top.parameters?.asOf, String(t));

    const outbound = await client.getTopRelationships(hub, { direction: 'DIRECTION_OUTBOUND', limit: 2, asOf: t });
    assert.equal(outbound.direction, 'DIRECTION_OUTBOUND');
    assert.deepEqual(outbound.relationships.map((r) => r.otherAccount), [dm, comment]);
    assertClose(outbound.relationships[0].score, 10, 'outbound engagement to dm');
    assertClose(outbound.relationships[1].score, 6, 'outbound engagement to comment');

    const inbound = await client.getTopRelationships(dm, { direction: 'DIRECTION_INBOUND', asOf: t });
    assert.deepEqual(inbound.relationships.map((r) => r.otherAccount), [hub]);
    assertClose(inbound.relationships[0].score, 10, 'inbound engagement from hub');
  });

  test('batchGetRelationships answers in order with per-item errors', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('a');
    const b = uniqueId('b');
    const t = hoursAgo(1);
    await client.ingest([{ eventId: uniqueId('e'), actor: a, target: b, kind: 'INTERACTION_KIND_SHARE', occurredAt: t }]);
    const ghost = uniqueId('ghost');
    const batch = await client.batchGetRelationships([[b, a], { accountA: a, accountB: ghost }, [a, a]], { asOf: t });
    assert.equal(batch.results.length, 3);
    const [found, missing, invalid] = batch.results;
    assert.deepEqual(found.pair, { accountA: b, accountB: a });
    assert.equal(found.error, undefined);
    assertClose(found.relationship?.bToA, 3, 'bToA (one SHARE, no decay at as_of)');
    assert.equal(found.relationship?.aToB, 0);
    assert.equal(missing.relationship, undefined);
    assert.equal(missing.error?.code, Status.NOT_FOUND);
    assert.equal(missing.error?.field, 'pairs[1]');
    assert.equal(invalid.error?.code, Status.INVALID_ARGUMENT);
    assert.match(invalid.error?.reason ?? '', /account_b/);
  });

  test('open expectations list who waits, oldest first; responsiveness leaves absent figures undefined', { timeout: TEST_TIMEOUT_MS }, async () => {
    const busy = uniqueId('busy');
    const first = uniqueId('first');
    const second = uniqueId('second');
    const t0 = hoursAgo(40);
    const events = [uniqueId('m1'), uniqueId('m2')];
    await client.ingest([
      { eventId: events[1], actor: second, target: busy, kind: 'INTERACTION_KIND_MENTION', occurredAt: t0 + HOUR },
      { eventId: events[0], actor: first, target: busy, kind: 'INTERACTION_KIND_MENTION', occurredAt: t0 },
    ]);
    const asOf = t0 + 30 * HOUR;
    const open = await client.listOpenExpectations(busy, { asOf });
    assert.equal(open.totalOpen, 2);
    assert.equal(open.asOf, String(asOf));
    assert.deepEqual(open.expectations, [
      { fromAccount: first, eventId: events[0], openedAt: String(t0), waitingMs: String(30 * HOUR), pastSla: true },
      { fromAccount: second, eventId: events[1], openedAt: String(t0 + HOUR), waitingMs: String(29 * HOUR), pastSla: true },
    ]);
    const limited = await client.listOpenExpectations(busy, { limit: 1, asOf });
    assert.equal(limited.expectations.length, 1);
    assert.equal(limited.totalOpen, 2);

    const responsiveness = await client.getResponsiveness(busy, { asOf });
    assert.equal(responsiveness.summary?.answered, '0');
    assert.equal(responsiveness.summary?.openPastSla, '2');
    assert.equal(responsiveness.summary?.responseRate, 0, 'present (something was owed) and 0');
    assert.equal(responsiveness.summary?.medianAnswerMs, undefined, 'absent without answers');
    assert.ok(!('p90AnswerMs' in (responsiveness.summary ?? {})));

    const early = await client.getResponsiveness(busy, { asOf: t0 + 2 * HOUR });
    assert.equal(early.summary?.openWithinSla, '2');
    assert.equal(early.summary?.responseRate, undefined, 'absent when nothing is owed yet');
  });

  test('health reports SERVING for the server and its services', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.equal(await client.health(), 'SERVING');
    assert.equal(await client.health('scoringgrid.v1.ScoreService'), 'SERVING');
  });
});
