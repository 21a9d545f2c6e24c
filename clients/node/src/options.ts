/** Options of ScoringGridClient and of its calls. */

import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js';
import type { RetryOptions } from './retry';
import type { TimestampInput } from './types/interactions';
import type { Direction, Tier } from './types/scores';

/** Deadline of a unary call when neither the client nor the call sets one, ms. */
export const DEFAULT_DEADLINE_MS = 10_000;

/** Deadline of a whole IngestStream call when neither the client nor the call sets one, ms. */
export const DEFAULT_STREAM_DEADLINE_MS = 300_000;

export interface ScoringGridClientOptions {
  /** "127.0.0.1:50051", "http://127.0.0.1:50051" (plaintext HTTP/2) or "https://host:port" (TLS). */
  address: string;
  /** Sent on every call as `authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Deadline of each unary call, retries included, ms (default 10 000). */
  deadlineMs?: number;
  /** Deadline of each streaming ingest, ms (default 300 000). */
  streamDeadlineMs?: number;
  /** Retries of idempotent calls on UNAVAILABLE; false disables them. */
  retry?: RetryOptions | false;
  /** The repository's protos/ directory (default: found above the installed package). */
  protosDir?: string;
  /** Channel credentials; default insecure for http:// and host:port, TLS for https://. */
  credentials?: ChannelCredentials;
  /** Extra grpc-js channel options. */
  channelOptions?: ChannelOptions;
}

/** Options every call takes. */
export interface CallOptions {
  /** Overrides the client's deadline for this call, ms. */
  deadlineMs?: number;
}

/** Options of queries evaluated at an instant. */
export interface AsOfOptions extends CallOptions {
  /** Evaluation instant (default: the server's now). */
  asOf?: TimestampInput;
}

export interface TopRelationshipsOptions extends AsOfOptions {
  /** Ranking (default: by strength, both ways). */
  direction?: Direction;
  /** How many (server default 15). */
  limit?: number;
  /** Leave out relationships below this tier. */
  minimumTier?: Tier;
}

export interface ListOpenExpectationsOptions extends AsOfOptions {
  /** How many (server default 50, at most 1000). */
  limit?: number;
}

export interface IngestOptions extends CallOptions {
  /** Echoed in the ack (default: a random id). */
  batchId?: string;
}

export interface IngestStreamOptions extends CallOptions {
  /** Batches sent before waiting for the oldest ack (default 32). */
  maxInFlight?: number;
}

/** Checks a deadline option; throws a RangeError naming it. */
export function checkDeadline(value: number | undefined, field: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${field}: must be a positive number of milliseconds, got ${value}`);
  }
}
