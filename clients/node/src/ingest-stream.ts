/** A pipelined IngestStream call: batches go out as they are sent, acks come back in order. */

import { randomUUID } from 'node:crypto';
import { ClientDuplexStream, status, StatusObject } from '@grpc/grpc-js';
import { ScoringGridError } from './errors';
import type { IngestRequest, IngestResponse, Interaction } from './types/interactions';
import { asIngestRequest, batchToWire, dropNulls } from './wire';

interface PendingAck {
  batchId: string;
  resolve: (ack: IngestResponse) => void;
  reject: (error: ScoringGridError) => void;
}

const METHOD = 'IngestStream';

/**
 * One open IngestStream call. send() writes a batch at once and returns a promise of its ack;
 * acks arrive in the order the batches were sent, and each is checked against its batch id.
 * end() half-closes the stream and resolves when the server has closed it with OK.
 * If the call fails, every ack not yet received rejects with the call's ScoringGridError.
 */
export class IngestStream {
  private readonly pending: PendingAck[] = [];
  private readonly idPrefix = randomUUID().slice(0, 8);
  private readonly closed: Promise<void>;
  private failure?: ScoringGridError;
  private ending = false;
  private sequence = 0;

  constructor(private readonly call: ClientDuplexStream<object, object>) {
    let resolveClosed!: () => void;
    let rejectClosed!: (error: ScoringGridError) => void;
    this.closed = new Promise<void>((resolve, reject) => {
      resolveClosed = resolve;
      rejectClosed = reject;
    });
    this.closed.catch(() => undefined);
    call.on('data', (ack: object) => this.onAck(dropNulls<IngestResponse>(ack)));
    call.on('error', (error: unknown) => {
      this.fail(ScoringGridError.from(error, METHOD));
      rejectClosed(this.failure!);
    });
    call.on('status', (result: StatusObject) => {
      if (result.code !== status.OK) {
        return; // reported through 'error'
      }
      if (this.pending.length > 0) {
        this.fail(new ScoringGridError(status.INTERNAL,
          `the server closed the stream with ${this.pending.length} batch(es) unacknowledged`, METHOD));
        rejectClosed(this.failure!);
      } else {
        resolveClosed();
      }
    });
  }

  /** Batches sent whose ack has not arrived yet. */
  get inFlight(): number {
    return this.pending.length;
  }

  /** True when the stream can take more data without buffering past its high-water mark. */
  get writable(): boolean {
    return !this.call.writableNeedDrain;
  }

  /**
   * Sends one batch; resolves with its ack. The batch id defaults to a stream-unique id.
   * Rejects at once with a TypeError naming the field when an interaction cannot be encoded.
   */
  send(batch: IngestRequest | Interaction[]): Promise<IngestResponse> {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    if (this.ending) {
      return Promise.reject(new ScoringGridError(status.FAILED_PRECONDITION, 'send after end()', METHOD));
    }
    const index = this.sequence++;
    let wire: Record<string, unknown>;
    try {
      wire = batchToWire(asIngestRequest(batch), `${this.idPrefix}-${index}`, `batch ${index}`);
    } catch (error) {
      return Promise.reject(error);
    }
    const ack = new Promise<IngestResponse>((resolve, reject) => {
      this.pending.push({ batchId: wire.batchId as string, resolve, reject });
    });
    ack.catch(() => undefined); // a caller may await later; never an unhandled rejection
    this.call.write(wire);
    return ack;
  }

  /** Resolves once the stream can take more data (at once when it can). */
  async drained(): Promise<void> {
    while (!this.failure && this.call.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.call.off('drain', done);
          this.call.off('error', done);
          resolve();
        };
        this.call.once('drain', done);
        this.call.once('error', done);
      });
    }
    if (this.failure) {
      throw this.failure;
    }
  }

  /**
   * Settles when the call ends without half-closing it: resolves when the server closes it
   * with OK, rejects with the call's ScoringGridError (for instance DEADLINE_EXCEEDED).
   */
  get completion(): Promise<void> {
    return this.closed;
  }

  /** Half-closes the stream; resolves when the server ends it with OK after the last ack. */
  end(): Promise<void> {
    if (!this.ending) {
      this.ending = true;
      this.call.end();
    }
    return this.closed;
  }

  /** Abandons the call; acks not received reject with CANCELLED. */
  cancel(): void {
    this.call.cancel();
  }

  private onAck(ack: IngestResponse): void {
    const head = this.pending.shift();
    if (!head) {
      this.fail(new ScoringGridError(status.INTERNAL, `ack for batch '${ack.batchId}' without a batch in flight`, METHOD));
      this.call.cancel();
      return;
    }
    if (ack.batchId !== head.batchId) {
      const error = new ScoringGridError(status.INTERNAL,
        `ack out of order: expected batch '${head.batchId}', got '${ack.batchId}'`, METHOD);
      head.reject(error);
      this.fail(error);
      this.call.cancel();
      return;
    }
    head.resolve(ack);
  }

  private fail(error: ScoringGridError): void {
    this.failure ??= error;
    for (const entry of this.pending.splice(0)) {
      entry.reject(this.failure);
    }
  }
}
