/** ScoringGridClient: a typed, Promise-based client of the ScoringGrid gRPC API. */

import { randomUUID } from 'node:crypto';
import { Client, ClientDuplexStream, credentials as grpcCredentials, Metadata, MethodDefinition, status } from '@grpc/grpc-js';
import { parseAddress } from './address';
import { ScoringGridError } from './errors';
import { IngestStream } from './ingest-stream';
import {
  AsOfOptions,
  CallOptions,
  checkDeadline,
  DEFAULT_DEADLINE_MS,
  DEFAULT_STREAM_DEADLINE_MS,
  IngestOptions,
  IngestStreamOptions,
  ListOpenExpectationsOptions,
  ScoringGridClientOptions,
  TopRelationshipsOptions,
} from './options';
import { findProtosDir, loadPackageDefinition, ScoringGridMethods, scoringGridMethods } from './protos';
import { callWithRetry, NO_RETRY, RetryPolicy } from './retry';
import { optionalMillis } from './timestamps';
import type { Account, AccountInput, UpsertAccountResponse } from './types/accounts';
import type { ServingStatus } from './types/health';
import type { IngestRequest, IngestResponse, Interaction } from './types/interactions';
import type {
  AccountPair,
  AccountScore,
  BatchGetRelationshipsResponse,
  ListOpenExpectationsResponse,
  RelationshipScore,
  ResponsivenessResponse,
  TopRelationshipsResponse,
} from './types/scores';
import { accountToWire, asIngestRequest, batchToWire, dropNulls, pairsToWire } from './wire';

/**
 * A client of one ScoringGrid server. Every call carries `authorization: Bearer <apiKey>` and
 * a deadline; failures reject with ScoringGridError. Queries and ingestion (idempotent by
 * event_id) are retried with exponential backoff on UNAVAILABLE; UpsertAccount is not.
 * Call close() when done.
 */
export class ScoringGridClient {
  /** The gRPC target ("host:port"). */
  readonly target: string;
  private readonly grpc: Client;
  private readonly methods: ScoringGridMethods;
  private readonly apiKey: string;
  private readonly deadlineMs: number;
  private readonly streamDeadlineMs: number;
  private readonly retryPolicy: RetryPolicy;
  private closed = false;

  constructor(options: ScoringGridClientOptions) {
    if (!options || typeof options !== 'object') {
      throw new TypeError('options: required ({ address, apiKey, ... })');
    }
    const { target, secure } = parseAddress(options.address);
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
      throw new TypeError('apiKey: is required (sent as authorization: Bearer <apiKey>)');
    }
    checkDeadline(options.deadlineMs, 'deadlineMs');
    checkDeadline(options.streamDeadlineMs, 'streamDeadlineMs');
    this.target = target;
    this.apiKey = options.apiKey;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.streamDeadlineMs = options.streamDeadlineMs ?? DEFAULT_STREAM_DEADLINE_MS;
    this.retryPolicy = options.retry === false ? NO_RETRY : new RetryPolicy(options.retry);
    this.methods = scoringGridMethods(loadPackageDefinition(options.protosDir ?? findProtosDir()));
    const channelCredentials =
      options.credentials ?? (secure ? grpcCredentials.createSsl() : grpcCredentials.createInsecure());
    this.grpc = new Client(target, channelCredentials, options.channelOptions ?? {});
  }

  // ---- Ingestion ----

  /**
   * Ingests one batch (unary Ingest). Resolves with the per-item account of what was accepted,
   * duplicate or rejected; a rejected item names the offending field. Retried on UNAVAILABLE.
   */
  async ingest(interactions: Interaction[], options: IngestOptions = {}): Promise<IngestResponse> {
    const request = batchToWire({ interactions, batchId: options.batchId }, randomUUID(), 'batch');
    return this.unary<IngestResponse>(this.methods.ingest, 'Ingest', request, options, true);
  }

  /**
   * Opens an IngestStream call for pipelined ingestion; see IngestStream. The call's deadline
   * is the client's streamDeadlineMs unless options.deadlineMs is given. Not retried: the
   * caller sees every failure (ingestStream() retries for you).
   */
  openIngestStream(options: CallOptions = {}): IngestStream {
    this.ensureOpen('IngestStream');
    checkDeadline(options.deadlineMs, 'deadlineMs');
    const deadline = new Date(Date.now() + (options.deadlineMs ?? this.streamDeadlineMs));
    return new IngestStream(this.openStreamCall(deadline));
  }

  /**
   * Sends every batch over one IngestStream call, keeping up to maxInFlight batches unacknowledged,
   * and resolves with one ack per batch, in the order of the batches. When the stream fails
   * with UNAVAILABLE, the batches not yet acknowledged are sent again on a new stream after a
   * backoff (safe: ingestion is idempotent by event_id, so re-sent items already applied come
   * back as duplicates).
   */
  async ingestStream(
    batches: Iterable<IngestRequest | Interaction[]>,
    options: IngestStreamOptions = {},
  ): Promise<IngestResponse[]> {
    this.ensureOpen('IngestStream');
    checkDeadline(options.deadlineMs, 'deadlineMs');
    const maxInFlight = options.maxInFlight ?? 32;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new RangeError(`maxInFlight: must be a whole number of at least 1, got ${maxInFlight}`);
    }
    const prefix = randomUUID().slice(0, 8);
    const requests = Array.from(batches, (batch, i) => {
      const request = asIngestRequest(batch);
      batchToWire(request, '', `batches[${i}]`); // validates before anything is sent
      return { ...request, batchId: request.batchId ?? `${prefix}-${i}` };
    });
    const acks: IngestResponse[] = [];
    await callWithRetry(
      async (deadline) => {
        const stream = new IngestStream(this.openStreamCall(deadline));
        const window: Promise<IngestResponse>[] = [];
        try {
          for (const request of requests.slice(acks.length)) {
            if (window.length >= maxInFlight) {
              acks.push(await window.shift()!);
            }
            window.push(stream.send(request));
            await stream.drained();
          }
          while (window.length > 0) {
            acks.push(await window.shift()!);
          }
          await stream.end();
        } catch (error) {
          stream.cancel();
          // Keep the acks that did arrive (a prefix, as acks come in order): a retry re-sends only the rest.
          for (const outcome of await Promise.allSettled(window)) {
            if (outcome.status !== 'fulfilled') {
              break;
            }
            acks.push(outcome.value);
          }
          throw error;
        }
      },
      'IngestStream',
      options.deadlineMs ?? this.streamDeadlineMs,
      this.retryPolicy,
    );
    return acks;
  }

  // ---- Accounts ----

  /** Creates or replaces an account's attributes. Not retried (its `created` answer is not idempotent). */
  async upsertAccount(account: AccountInput, options: CallOptions = {}): Promise<UpsertAccountResponse> {
    return this.unary(this.methods.upsertAccount, 'UpsertAccount', { account: accountToWire(account) }, options, false);
  }

  /** An account's attributes; NOT_FOUND when the account was never upserted nor seen in an interaction. */
  async getAccount(accountId: string, options: CallOptions = {}): Promise<Account> {
    return this.unary(this.methods.getAccount, 'GetAccount', { accountId }, options, true);
  }

  // ---- Scores ----

  /** An account's score and its components; NOT_FOUND for an account never seen. */
  async getAccountScore(accountId: string, options: AsOfOptions = {}): Promise<AccountScore> {
    const request = { accountId, asOf: optionalMillis(options.asOf, 'asOf') };
    return this.unary(this.methods.getAccountScore, 'GetAccountScore', request, options, true);
  }

  /** The relationship of a pair, seen from the order asked; NOT_FOUND for a pair never seen. */
  async getRelationship(accountA: string, accountB: string, options: AsOfOptions = {}): Promise<RelationshipScore> {
    const request = { pair: { accountA, accountB }, asOf: optionalMillis(options.asOf, 'asOf') };
    return this.unary(this.methods.getRelationship, 'GetRelationship', request, options, true);
  }

  /** Several relationships at once, in the order asked, with per-item errors. */
  async batchGetRelationships(
    pairs: ReadonlyArray<AccountPair | readonly [string, string]>,
    options: AsOfOptions = {},
  ): Promise<BatchGetRelationshipsResponse> {
    const request = { pairs: pairsToWire(pairs), asOf: optionalMillis(options.asOf, 'asOf') };
    return this.unary(this.methods.batchGetRelationships, 'BatchGetRelationships', request, options, true);
  }

  /** An account's top relationships, best first. */
  async getTopRelationships(accountId: string, options: TopRelationshipsOptions = {}): Promise<TopRelationshipsResponse> {
    const request = {
      accountId,
      direction: options.direction ?? 'DIRECTION_UNSPECIFIED',
      limit: options.limit ?? 0,
      minimumTier: options.minimumTier ?? 'TIER_UNSPECIFIED',
      asOf: optionalMillis(options.asOf, 'asOf'),
    };
    return this.unary(this.methods.getTopRelationships, 'GetTopRelationships', request, options, true);
  }

  /** An account's responsiveness to the expectations others opened on it. */
  async getResponsiveness(accountId: string, options: AsOfOptions = {}): Promise<ResponsivenessResponse> {
    const request = { accountId, asOf: optionalMillis(options.asOf, 'asOf') };
    return this.unary(this.methods.getResponsiveness, 'GetResponsiveness', request, options, true);
  }

  /** Who is still waiting for an answer from an account, oldest first. */
  async listOpenExpectations(accountId: string, options: ListOpenExpectationsOptions = {}): Promise<ListOpenExpectationsResponse> {
    const request = { accountId, limit: options.limit ?? 0, asOf: optionalMillis(options.asOf, 'asOf') };
    return this.unary(this.methods.listOpenExpectations, 'ListOpenExpectations', request, options, true);
  }

  // ---- Health ----

  /** grpc.health.v1 Check of a service ("" = the whole server). */
  async health(service = '', options: CallOptions = {}): Promise<ServingStatus> {
    const response = await this.unary<{ status: ServingStatus }>(this.methods.healthCheck, 'Health.Check', { service }, options, true);
    return response.status;
  }

  /** Closes the channel; calls made afterwards reject with CANCELLED. Safe to call twice. */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.grpc.close();
    }
  }

  // ---- Plumbing ----

  private metadata(): Metadata {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${this.apiKey}`);
    return metadata;
  }

  private ensureOpen(method: string): void {
    if (this.closed) {
      throw new ScoringGridError(status.CANCELLED, 'the client is closed', method);
    }
  }

  private openStreamCall(deadline: Date): ClientDuplexStream<object, object> {
    const definition = this.methods.ingestStream;
    return this.grpc.makeBidiStreamRequest(
      definition.path,
      definition.requestSerialize,
      definition.responseDeserialize,
      this.metadata(),
      { deadline },
    );
  }

  private async unary<T>(
    definition: MethodDefinition<object, object>,
    method: string,
    request: object,
    options: CallOptions,
    idempotent: boolean,
  ): Promise<T> {
    this.ensureOpen(method);
    checkDeadline(options.deadlineMs, 'deadlineMs');
    const response = await callWithRetry(
      (deadline) =>
        new Promise<object>((resolve, reject) => {
          if (this.closed) {
            reject(new ScoringGridError(status.CANCELLED, 'the client is closed', method));
            return;
          }
          this.grpc.makeUnaryRequest(
            definition.path,
            definition.requestSerialize,
            definition.responseDeserialize,
            request,
            this.metadata(),
            { deadline },
            (error, value) => (error ? reject(error) : resolve(value as object)),
          );
        }),
      method,
      options.deadlineMs ?? this.deadlineMs,
      idempotent ? this.retryPolicy : NO_RETRY,
    );
    return dropNulls<T>(response);
  }
}
