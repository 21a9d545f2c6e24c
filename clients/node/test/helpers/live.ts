/** The live server the tests talk to: SCORINGGRID_ADDRESS and SCORINGGRID_API_KEY. */

import { randomUUID } from 'node:crypto';
import { ScoringGridClient, ScoringGridClientOptions } from '../../src';

/** Per-test timeout, ms. */
export const TEST_TIMEOUT_MS = 30_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value || value.trim() === '') {
    throw new Error(
      `${name} is not set: the live tests need a running server (SCORINGGRID_ADDRESS=127.0.0.1:PORT or http://127.0.0.1:PORT, SCORINGGRID_API_KEY=<key>)`,
    );
  }
  return value.trim();
}

/** The server's address, as given (with or without http://). */
export function liveAddress(): string {
  const address = required('SCORINGGRID_ADDRESS');
  const host = address.replace(/^https?:\/\//, '').replace(/:\d+\/?$/, '');
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`SCORINGGRID_ADDRESS: ${address} is not a loopback address; the tests only contact 127.0.0.1`);
  }
  return address;
}

export function liveApiKey(): string {
  return required('SCORINGGRID_API_KEY');
}

/** A client of the live server; extra options override the defaults. */
export function liveClient(options: Partial<ScoringGridClientOptions> = {}): ScoringGridClient {
  return new ScoringGridClient({ address: liveAddress(), apiKey: liveApiKey(), deadlineMs: 10_000, ...options });
}

/** An id no other test (or earlier run against the same server) uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Now minus some hours, ms: a timestamp the server accepts. */
export function hoursAgo(hours: number): number {
  return Date.now() - Math.round(hours * 3_600_000);
}
