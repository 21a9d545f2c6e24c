export { ScoringGridClient } from './client';
export { IngestStream } from './ingest-stream';
export { ScoringGridError, statusName } from './errors';
export type { StatusCodeName } from './errors';
export { RetryPolicy, NO_RETRY, callWithRetry } from './retry';
export type { RetryOptions } from './retry';
export { parseAddress } from './address';
export type { ParsedAddress } from './address';
export { DEFAULT_DEADLINE_MS, DEFAULT_STREAM_DEADLINE_MS } from './options';
export type {
  ScoringGridClientOptions,
  CallOptions,
  AsOfOptions,
  TopRelationshipsOptions,
  ListOpenExpectationsOptions,
  IngestOptions,
  IngestStreamOptions,
} from './options';
export { findProtosDir, loadPackageDefinition, LOADER_OPTIONS } from './protos';
export { toMillisString } from './timestamps';
export { toProto3Json } from './proto-json';
export { status as Status } from '@grpc/grpc-js';
export type * from './types/accounts';
export type * from './types/interactions';
export type * from './types/scores';
export type * from './types/health';
