/** Live server: streaming ingestion over IngestStream, acks in order. */

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Interaction, Status } from '../src';
import { hoursAgo, liveClient, TEST_TIMEOUT_MS, uniqueId } from './helpers/live';

function likes(actor: string, target: string, count: number, at: number): Interaction[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: uniqueId(`like${i}`), actor, target, kind: 'INTERACTION_KIND_LIKE' as const, occurredAt: at + i,
  }));
}

describe('IngestStream against a live server', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  const client = liveClient();
  after(() => client.close());

  test('ingestStream sends several batches on one stream and resolves their acks in order', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('streamer');
    const b = uniqueId('watcher');
    const t = hoursAgo(2);
    const sizes = [3, 1, 5, 2, 4, 1, 2];
    const batches = sizes.map((size, i) => likes(a, b, size, t + i * 100));
    const ids = sizes.map((_, i) => uniqueId(`b${i}`));
    const acks = await client.ingestStream(batches.map((interactions, i) => ({ batchId: ids[i], interactions })), { maxInFlight: 2 });
    assert.deepEqual(acks.map((ack) => ack.batchId), ids);
    assert.deepEqual(acks.map((ack) => ack.accepted), sizes);
    assert.ok(acks.every((ack) => ack.duplicates === 0 && ack.rejected.length === 0));

    const total = sizes.reduce((sum, n) => sum + n, 0);
    const relationship = await client.getRelationship(a, b, { asOf: t + 1000 });
    assert.deepEqual(relationship.aToBCounts, [{ kind: 'INTERACTION_KIND_LIKE', count: String(total), weight: 1 }]);

    const again = await client.ingestStream(batches);
    assert.deepEqual(again.map((ack) => ack.duplicates), sizes, 'a re-sent stream is all duplicates');
    assert.deepEqual(again.map((ack) => ack.accepted), sizes.map(() => 0));
  });

  test('openIngestStream pipelines batches: send without waiting, acks resolve in order, per-item rejections included', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = uniqueId('pipe');
    const b = uniqueId('line');
    const t = hoursAgo(1);
    const stream = client.openIngestStream();
    const first = likes(a, b, 2, t);
    const pending = [
      stream.send(first),
      stream.send({ batchId: 'second', interactions: [{ eventId: uniqueId('self'), actor: a, target: a, kind: 'INTERACTION_KIND_LIKE', occurredAt: t }] }),
      stream.send(first),
      stream.send([]),
    ];
    assert.equal(stream.inFlight, 4);
    const acks = await Promise.all(pending);
    assert.equal(acks[0].accepted, 2);
    assert.equal(acks[1].batchId, 'second');
    assert.deepEqual(acks[1].rejected.map((r) => [r.index, r.field, r.code]), [[0, 'target', Status.INVALID_ARGUMENT]]);
    assert.equal(acks[2].duplicates, 2);
    assert.deepEqual([acks[3].accepted, acks[3].duplicates, acks[3].rejected.length], [0, 0, 0]);
    assert.equal(new Set(acks.map((ack) => ack.batchId)).size, 4, 'default batch ids are distinct');
    assert.equal(stream.inFlight, 0);
    await stream.end();
    await assert.rejects(stream.send(first), (error: Error) => /send after end/.test(error.message));
  });
});
