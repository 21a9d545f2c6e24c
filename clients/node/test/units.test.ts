/** Parts that need no server: addresses, timestamps, backoff, options, proto3 JSON text. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAddress, RetryPolicy, ScoringGridClient, ScoringGridError, Status, statusName, toMillisString, toProto3Json } from '../src';

const T = { timeout: 5000 };

describe('parseAddress', () => {
  test('accepts host:port, http:// and https://', T, () => {
    assert.deepEqual(parseAddress('127.0.0.1:5000'), { target: '127.0.0.1:5000', secure: false });
    assert.deepEqual(parseAddress('http://127.0.0.1:5000'), { target: '127.0.0.1:5000', secure: false });
    assert.deepEqual(parseAddress(' http://127.0.0.1:5000/ '), { target: '127.0.0.1:5000', secure: false });
    assert.deepEqual(parseAddress('https://scores.example:443'), { target: 'scores.example:443', secure: true });
    assert.deepEqual(parseAddress('[::1]:7000'), { target: '[::1]:7000', secure: false });
  });

  test('refuses what is not an address, naming the field', T, () => {
    for (const bad of ['', '127.0.0.1', 'http://127.0.0.1', 'ftp://h:1', 'http://h:1/path', 'h:99999', ':80']) {
      assert.throws(() => parseAddress(bad), (error: Error) => error instanceof TypeError && error.message.startsWith('address:'), bad);
    }
  });
});

describe('toMillisString', () => {
  test('numbers, bigints, strings and Dates become int64 strings', T, () => {
    assert.equal(toMillisString(1_794_160_800_000, 'f'), '1794160800000');
    assert.equal(toMillisString(9_007_199_254_740_993n, 'f'), '9007199254740993');
    assert.equal(toMillisString('-42', 'f'), '-42');
    assert.equal(toMillisString(new Date(Date.UTC(2026, 10, 1)), 'f'), String(Date.UTC(2026, 10, 1)));
  });

  test('refuses fractions, text, invalid dates and values beyond int64', T, () => {
    for (const bad of [1.5, Number.NaN, 'soon', '12.0', new Date('nope'), 2n ** 63n]) {
      assert.throws(() => toMillisString(bad as never, 'asOf'), (error: Error) => error.message.startsWith('asOf: '), String(bad));
    }
  });
});

describe('RetryPolicy', () => {
  test('backoff grows by the multiplier up to the cap', T, () => {
    const policy = new RetryPolicy({ initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 3, jitter: 0 });
    assert.deepEqual([1, 2, 3, 4].map((n) => policy.backoffMs(n)), [100, 300, 900, 1000]);
  });

  test('jitter spreads the pause by ± the fraction', T, () => {
    const policy = new RetryPolicy({ initialBackoffMs: 100, jitter: 0.25 });
    assert.equal(policy.backoffMs(1, () => 0), 75);
    assert.equal(policy.backoffMs(1, () => 0.5), 100);
    assert.equal(policy.backoffMs(1, () => 1), 125);
  });

  test('defaults: 4 attempts, 100 ms doubling to 2 s, retrying UNAVAILABLE only', T, () => {
    const policy = new RetryPolicy();
    assert.equal(policy.maxAttempts, 4);
    assert.deepEqual([1, 2, 6].map((n) => policy.backoffMs(n, () => 0.5)), [100, 200, 2000]);
    assert.deepEqual([...policy.retryableCodes], [Status.UNAVAILABLE]);
  });

  test('invalid settings name the field', T, () => {
    assert.throws(() => new RetryPolicy({ maxAttempts: 0 }), /retry\.maxAttempts/);
    assert.throws(() => new RetryPolicy({ multiplier: 0.5 }), /retry\.multiplier/);
    assert.throws(() => new RetryPolicy({ jitter: 1 }), /retry\.jitter/);
    assert.throws(() => new RetryPolicy({ initialBackoffMs: -1 }), /retry\.initialBackoffMs/);
  });
});

describe('ScoringGridClient options', () => {
  test('address and apiKey are required; deadlines must be positive', T, () => {
    assert.throws(() => new ScoringGridClient({ address: '', apiKey: 'k' }), /^TypeError: address:/);
    assert.throws(() => new ScoringGridClient({ address: '127.0.0.1:1', apiKey: ' ' }), /^TypeError: apiKey:/);
    assert.throws(() => new ScoringGridClient({ address: '127.0.0.1:1', apiKey: 'k', deadlineMs: 0 }), /deadlineMs:/);
    assert.throws(() => new ScoringGridClient({ address: '127.0.0.1:1', apiKey: 'k', protosDir: '/nonexistent' }), /protosDir:/);
  });

  test('the client finds the repository protos and closes cleanly without a call', T, () => {
    const client = new ScoringGridClient({ address: 'http://127.0.0.1:1', apiKey: 'k' });
    assert.equal(client.target, '127.0.0.1:1');
    client.close();
  });
});

describe('errors and JSON', () => {
  test('status names and ScoringGridError.from', T, () => {
    assert.equal(statusName(5), 'NOT_FOUND');
    assert.equal(statusName(99), 'CODE_99');
    const error = ScoringGridError.from({ code: Status.PERMISSION_DENIED, details: 'no' }, 'GetAccount', 2);
    assert.equal(error.codeName, 'PERMISSION_DENIED');
    assert.equal(error.message, 'GetAccount: PERMISSION_DENIED: no (after 2 attempts)');
    assert.equal(ScoringGridError.from(new Error('boom'), 'X').codeName, 'UNKNOWN');
  });

  test('toProto3Json spells non-finite doubles and leaves out unset fields', T, () => {
    assert.equal(toProto3Json({ a: Number.NaN, b: Infinity, c: -Infinity, d: undefined, e: '5', f: 0.1 }), '{"a":"NaN","b":"Infinity","c":"-Infinity","e":"5","f":0.1}');
  });
});
