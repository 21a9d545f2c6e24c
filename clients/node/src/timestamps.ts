/** Conversions of timestamps (ms since the Unix epoch) to the int64 decimal strings sent on the wire. */

import type { TimestampInput } from './types/interactions';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Returns the value as an int64 decimal string; throws a TypeError naming `field` when it is
 * not a whole number of milliseconds within int64.
 */
export function toMillisString(value: TimestampInput, field: string): string {
  let ms: bigint;
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) {
      throw new TypeError(`${field}: is an invalid Date`);
    }
    ms = BigInt(time);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new TypeError(`${field}: ${value} is not a whole number of milliseconds (safe integer)`);
    }
    ms = BigInt(value);
  } else if (typeof value === 'bigint') {
    ms = value;
  } else if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    ms = BigInt(value.trim());
  } else {
    throw new TypeError(`${field}: ${JSON.stringify(value)} is not a timestamp (ms since the epoch as a number, bigint, decimal string or Date)`);
  }
  if (ms < INT64_MIN || ms > INT64_MAX) {
    throw new TypeError(`${field}: ${ms} is out of the int64 range`);
  }
  return ms.toString();
}

/** Like toMillisString, but undefined stays undefined (an optional field left unset). */
export function optionalMillis(value: TimestampInput | undefined, field: string): string | undefined {
  return value === undefined ? undefined : toMillisString(value, field);
}
