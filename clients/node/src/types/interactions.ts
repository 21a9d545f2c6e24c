/**
 * Messages of scoringgrid/v1/interactions.proto and ingest.proto.
 */

/** The kind of an interaction (see interactions.proto for the default weights). */
export type InteractionKind =
  | 'INTERACTION_KIND_UNSPECIFIED'
  | 'INTERACTION_KIND_VIEW'
  | 'INTERACTION_KIND_CLICK'
  | 'INTERACTION_KIND_LIKE'
  | 'INTERACTION_KIND_FOLLOW'
  | 'INTERACTION_KIND_SHARE'
  | 'INTERACTION_KIND_MENTION'
  | 'INTERACTION_KIND_COMMENT'
  | 'INTERACTION_KIND_REPLY'
  | 'INTERACTION_KIND_DIRECT_MESSAGE'
  | 'INTERACTION_KIND_CONVERSION'
  | 'INTERACTION_KIND_UNFOLLOW'
  | 'INTERACTION_KIND_POST';

/** A timestamp the client accepts: ms since the epoch as a number, bigint or decimal string, or a Date. */
export type TimestampInput = number | bigint | string | Date;

/** One interaction to ingest. */
export interface Interaction {
  /** Idempotency key: an event_id already accepted is counted once. 1..256 UTF-8 bytes. */
  eventId: string;
  /** The account that acted. */
  actor: string;
  /** The account acted upon; must differ from actor; empty (or absent) for POST only. */
  target?: string;
  kind: InteractionKind;
  /** When it happened, ms since the epoch. */
  occurredAt: TimestampInput;
  /** The event_id this one answers (for REPLY), when known. */
  inReplyTo?: string;
  /** Monetary value; required (finite, > 0) for CONVERSION. */
  value?: number;
  /** Sentiment in [-1, 1], when known. */
  sentiment?: number;
}

/** A batch of interactions, with the id its ack echoes. */
export interface IngestRequest {
  batchId?: string;
  interactions: Interaction[];
}

/** Why one interaction of a batch was not accepted. */
export interface RejectedInteraction {
  /** Position in the batch, from 0. */
  index: number;
  eventId: string;
  /** The offending field, as named in the proto (snake_case), e.g. "target". */
  field: string;
  reason: string;
  /** A gRPC status code number (INVALID_ARGUMENT or RESOURCE_EXHAUSTED). */
  code: number;
}

/** The acknowledgement of one batch: accepted + duplicates + rejected.length = batch size. */
export interface IngestResponse {
  batchId: string;
  accepted: number;
  duplicates: number;
  rejected: RejectedInteraction[];
}
