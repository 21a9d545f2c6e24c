/** The error every ScoringGridClient call rejects with when the server (or the channel) fails it. */

import { Metadata, status } from '@grpc/grpc-js';

/** Canonical gRPC status names: "OK", "NOT_FOUND", "INVALID_ARGUMENT", ... */
export type StatusCodeName = keyof typeof status;

/** The canonical name of a gRPC status code number ("NOT_FOUND" for 5); "CODE_<n>" when unknown. */
export function statusName(code: number): string {
  const name = (status as unknown as Record<number, string | undefined>)[code];
  return typeof name === 'string' ? name : `CODE_${code}`;
}

/** A call that ended with a gRPC status other than OK. */
export class ScoringGridError extends Error {
  /** The status code number, e.g. status.NOT_FOUND (5). */
  readonly code: status;
  /** The canonical status name, e.g. "NOT_FOUND". */
  readonly codeName: string;
  /** The server's explanation; it names the offending field when there is one. */
  readonly details: string;
  /** The RPC that failed, e.g. "GetAccount". */
  readonly method: string;
  /** How many times the call was tried (more than 1 after retries on UNAVAILABLE). */
  readonly attempts: number;
  /** Trailing metadata of the failed call, when there was any. */
  readonly metadata?: Metadata;

  constructor(code: status, details: string, method = '', attempts = 1, metadata?: Metadata) {
    const codeName = statusName(code);
    const where = method ? `${method}: ` : '';
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(`${where}${codeName}: ${details}${tries}`);
    this.name = 'ScoringGridError';
    this.code = code;
    this.codeName = codeName;
    this.details = details;
    this.method = method;
    this.attempts = attempts;
    this.metadata = metadata;
  }

  /** Wraps what a grpc-js call failed with (a ServiceError, or any other Error as UNKNOWN). */
  static from(error: unknown, method: string, attempts = 1): ScoringGridError {
    if (error instanceof ScoringGridError) {
      return error;
    }
    const candidate = error as { code?: unknown; details?: unknown; message?: unknown; metadata?: unknown };
    if (candidate && typeof candidate.code === 'number') {
      const details = typeof candidate.details === 'string' ? candidate.details : String(candidate.message ?? '');
      const metadata = candidate.metadata instanceof Metadata ? candidate.metadata : undefined;
      return new ScoringGridError(candidate.code, details, method, attempts, metadata);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ScoringGridError(status.UNKNOWN, message, method, attempts);
  }
}
