/** Retries with exponential backoff on UNAVAILABLE, against a scripted grpc-js server on 127.0.0.1. */

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Metadata, sendUnaryData, ServerDuplexStream, ServerUnaryCall } from '@grpc/grpc-js';
import { Interaction, ScoringGridClient, ScoringGridClientOptions, ScoringGridError, Status } from '../src';
import { TEST_TIMEOUT_MS } from './helpers/live';
import { startStub, StubServer } from './helpers/stub-server';
import { relationshipOf } from './helpers/stub-responses';

interface Script {
  /** Status codes to fail with, one per call, before answering. */
  failures: Status[];
  calls: number;
  authorizations: string[];
  callTimes: number[];
}

const script: Script = { failures: [], calls: 0, authorizations: [], callTimes: [] };
/** Batch ids each IngestStream call received, per call. */
let streams: string[][] = [];

function record(metadata: Metadata): Status | undefined {
  script.calls++;
  script.callTimes.push(Date.now());
  script.authorizations.push(String(metadata.get('authorization')[0] ?? ''));
  return script.failures.shift();
}

function unary(answer: (request: any) => object) {
  return (call: ServerUnaryCall<any, object>, callback: sendUnaryData<object>) => {
    const failure = record(call.metadata);
    if (failure !== undefined) {
      callback({ code: failure, details: `scripted ${Status[failure]}` });
    } else {
      callback(null, answer(call.request));
    }
  };
}

function ackOf(request: { batchId: string; interactions: unknown[] }): object {
  return { batchId: request.batchId, accepted: request.interactions.length };
}

/** IngestStream: the first call acks one batch then fails UNAVAILABLE; later calls ack everything. */
function ingestStream(call: ServerDuplexStream<any, object>) {
  const seen: string[] = [];
  streams.push(seen);
  const first = streams.length === 1;
  call.on('data', (request: { batchId: string; interactions: unknown[] }) => {
    seen.push(request.batchId);
    if (!first) {
      call.write(ackOf(request));
    } else if (seen.length === 1) {
      call.write(ackOf(request));
      setTimeout(() => call.emit('error', { code: Status.UNAVAILABLE, details: 'scripted restart' }), 20);
    }
  });
  call.on('end', () => {
    if (!first) {
      call.end();
    }
  });
}

describe('retries', { timeout: TEST_TIMEOUT_MS * 10 }, () => {
  let stub: StubServer;
  const clients: ScoringGridClient[] = [];

  function client(options: Partial<ScoringGridClientOptions> = {}): ScoringGridClient {
    const created = new ScoringGridClient({
      address: `http://${stub.address}`, apiKey: 'stub-key', deadlineMs: 5000,
      retry: { maxAttempts: 4, initialBackoffMs: 50, multiplier: 2, jitter: 0 },
      ...options,
    });
    clients.push(created);
    return created;
  }

  before(async () => {
    stub = await startStub({
      'scoringgrid.v1.ScoreService': {
        GetRelationship: unary((request) => relationshipOf(request.pair.accountA, request.pair.accountB)),
      },
      'scoringgrid.v1.AccountService': {
        UpsertAccount: unary((request) => ({ account: request.account, created: true })),
      },
      'scoringgrid.v1.IngestService': {
        Ingest: unary(ackOf),
        IngestStream: ingestStream,
      },
    });
  });
  beforeEach(() => {
    script.failures = [];
    script.calls = 0;
    script.authorizations = [];
    script.callTimes = [];
    streams = [];
  });
  after(async () => {
    clients.forEach((c) => c.close());
    await stub.stop();
  });

  test('UNAVAILABLE twice, then an answer: three attempts with growing backoff', { timeout: TEST_TIMEOUT_MS }, async () => {
    script.failures = [Status.UNAVAILABLE, Status.UNAVAILABLE];
    const relationship = await client().getRelationship('x', 'y');
    assert.deepEqual(relationship.pair, { accountA: 'x', accountB: 'y' });
    assert.equal(relationship.tierForA, 'TIER_CLOSE');
    assert.equal(relationship.rankForA, 7);
    assert.equal(relationship.rankForB, undefined, 'an unset optional field stays undefined');
    assert.equal(script.calls, 3);
    const gaps = [script.callTimes[1] - script.callTimes[0], script.callTimes[2] - script.callTimes[1]];
    assert.ok(gaps[0] >= 45, `first backoff ${gaps[0]} ms ≥ 50 ms`);
    assert.ok(gaps[1] >= 95, `second backoff ${gaps[1]} ms ≥ 100 ms`);
    assert.deepEqual(script.authorizations, ['Bearer stub-key', 'Bearer stub-key', 'Bearer stub-key']);
  });

  test('gives up after maxAttempts with the last UNAVAILABLE and the attempt count', { timeout: TEST_TIMEOUT_MS }, async () => {
    script.failures = [Status.UNAVAILABLE, Status.UNAVAILABLE, Status.UNAVAILABLE, Status.UNAVAILABLE];
    await assert.rejects(client({ retry: { maxAttempts: 3, initialBackoffMs: 10, jitter: 0 } }).getRelationship('x', 'y'), (error: unknown) => {
      assert.ok(error instanceof ScoringGridError);
      assert.equal(error.codeName, 'UNAVAILABLE');
      assert.equal(error.attempts, 3);
      assert.match(error.message, /after 3 attempts/);
      return true;
    });
    assert.equal(script.calls, 3);
  });

  test('other codes are not retried', { timeout: TEST_TIMEOUT_MS }, async () => {
    script.failures = [Status.INVALID_ARGUMENT];
    await assert.rejects(client().getRelationship('x', 'y'), (error: ScoringGridError) => error.code === Status.INVALID_ARGUMENT && error.attempts === 1);
    assert.equal(script.calls, 1);
  });

  test('UpsertAccount is not retried; Ingest is (idempotent by event_id)', { timeout: TEST_TIMEOUT_MS }, async () => {
    script.failures = [Status.UNAVAILABLE];
    await assert.rejects(client().upsertAccount({ accountId: 'acc' }), (error: ScoringGridError) => error.codeName === 'UNAVAILABLE');
    assert.equal(script.calls, 1);

    script.failures = [Status.UNAVAILABLE];
    script.calls = 0;
    const interaction: Interaction = { eventId: 'e1', actor: 'a', target: 'b', kind: 'INTERACTION_KIND_LIKE', occurredAt: 1_700_000_000_000 };
    const ack = await client().ingest([interaction], { batchId: 'retried' });
    assert.deepEqual(ack, { batchId: 'retried', accepted: 1, duplicates: 0, rejected: [] });
    assert.equal(script.calls, 2);
  });

  test('retry: false makes one attempt', { timeout: TEST_TIMEOUT_MS }, async () => {
    script.failures = [Status.UNAVAILABLE];
    await assert.rejects(client({ retry: false }).getRelationship('x', 'y'), (error: ScoringGridError) => error.attempts === 1);
    assert.equal(script.calls, 1);
  });

  test('ingestStream re-sends only the unacknowledged batches after UNAVAILABLE, acks stay in order', { timeout: TEST_TIMEOUT_MS }, async () => {
    const batches = ['b0', 'b1', 'b2', 'b3'].map((batchId, i) => ({
      batchId,
      interactions: Array.from({ length: i + 1 }, (_, j): Interaction => ({
        eventId: `${batchId}-${j}`, actor: 'a', target: 'b', kind: 'INTERACTION_KIND_LIKE', occurredAt: 1_700_000_000_000 + j,
      })),
    }));
    const acks = await client().ingestStream(batches);
    assert.deepEqual(acks.map((ack) => [ack.batchId, ack.accepted]), [['b0', 1], ['b1', 2], ['b2', 3], ['b3', 4]]);
    assert.equal(streams.length, 2);
    assert.equal(streams[0][0], 'b0');
    assert.deepEqual(streams[1], ['b1', 'b2', 'b3']);
  });
});
