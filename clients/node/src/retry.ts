/** Retries with exponential backoff, bounded by one deadline for the whole logical call. */

import { status } from '@grpc/grpc-js';
import { ScoringGridError } from './errors';

/** How idempotent calls are retried. Every field is optional; see RetryPolicy for the defaults. */
export interface RetryOptions {
  /** Tries per call, including the first (default 4; 1 disables retries). */
  maxAttempts?: number;
  /** Pause after the first failure, ms (default 100). */
  initialBackoffMs?: number;
  /** Longest pause, ms (default 2000). */
  maxBackoffMs?: number;
  /** Growth of the pause per failure (default 2). */
  multiplier?: number;
  /** Spread of each pause, as a fraction in [0, 1): the pause is scaled by 1 ± jitter (default 0.2). */
  jitter?: number;
  /** Status codes worth another try (default [UNAVAILABLE]). */
  retryableCodes?: status[];
}

/**
 * A validated retry configuration. Before attempt n+1 the client waits
 * min(maxBackoffMs, initialBackoffMs · multiplier^(n-1)) · (1 ± jitter), and never past the
 * call's deadline.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
  readonly jitter: number;
  readonly retryableCodes: ReadonlySet<status>;

  constructor(options: RetryOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.initialBackoffMs = options.initialBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 2000;
    this.multiplier = options.multiplier ?? 2;
    this.jitter = options.jitter ?? 0.2;
    this.retryableCodes = new Set(options.retryableCodes ?? [status.UNAVAILABLE]);
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError(`retry.maxAttempts: must be a whole number of at least 1, got ${this.maxAttempts}`);
    }
    if (!(this.initialBackoffMs >= 0) || !(this.maxBackoffMs >= 0)) {
      throw new RangeError('retry.initialBackoffMs, retry.maxBackoffMs: must not be negative');
    }
    if (!(this.multiplier >= 1)) {
      throw new RangeError(`retry.multiplier: must be at least 1, got ${this.multiplier}`);
    }
    if (!(this.jitter >= 0 && this.jitter < 1)) {
      throw new RangeError(`retry.jitter: must be in [0, 1), got ${this.jitter}`);
    }
  }

  /** The pause after failed attempt number `attempt` (from 1), ms. */
  backoffMs(attempt: number, random: () => number = Math.random): number {
    const base = Math.min(this.maxBackoffMs, this.initialBackoffMs * this.multiplier ** (attempt - 1));
    return this.jitter ? base * (1 + this.jitter * (2 * random() - 1)) : base;
  }
}

/** A policy that never retries. */
export const NO_RETRY = new RetryPolicy({ maxAttempts: 1 });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs attempt(deadline, attemptNumber) until it succeeds, fails with a code the policy does not
 * retry, runs out of attempts, or the next pause would end past the deadline. Rejects with a
 * ScoringGridError carrying the number of attempts; DEADLINE_EXCEEDED (naming the last failure)
 * when the deadline leaves no room for another try.
 */
export async function callWithRetry<T>(
  attempt: (deadline: Date, attemptNumber: number) => Promise<T>,
  method: string,
  deadlineMs: number,
  policy: RetryPolicy,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let tries = 1; ; tries++) {
    let failure: ScoringGridError;
    try {
      return await attempt(new Date(deadline), tries);
    } catch (error) {
      failure = ScoringGridError.from(error, method, tries);
      if (failure.attempts !== tries) {
        failure = new ScoringGridError(failure.code, failure.details, method, tries, failure.metadata);
      }
    }
    if (!policy.retryableCodes.has(failure.code) || tries >= policy.maxAttempts) {
      throw failure;
    }
    const pause = policy.backoffMs(tries);
    if (Date.now() + pause >= deadline) {
      throw new ScoringGridError(
        status.DEADLINE_EXCEEDED,
        `deadline of ${deadlineMs} ms reached while retrying; last failure: ${failure.codeName}: ${failure.details}`,
        method,
        tries,
      );
    }
    await sleep(pause);
  }
}
