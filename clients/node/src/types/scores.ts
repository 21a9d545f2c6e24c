/**
 * Messages of scoringgrid/v1/scores.proto. int64 and uint64 fields are decimal strings;
 * fields marked optional in the proto are absent (undefined) when the server did not set them.
 */

import type { InteractionKind } from './interactions';

/** Closeness of a relationship for one side (Dunbar's layers). */
export type Tier =
  | 'TIER_UNSPECIFIED'
  | 'TIER_INNER_CIRCLE'
  | 'TIER_CLOSE'
  | 'TIER_ACTIVE'
  | 'TIER_NETWORK'
  | 'TIER_ACQUAINTANCE'
  | 'TIER_DORMANT';

/** Which engagement ranks relationships. */
export type Direction = 'DIRECTION_UNSPECIFIED' | 'DIRECTION_BOTH' | 'DIRECTION_INBOUND' | 'DIRECTION_OUTBOUND';

export interface KindCount {
  kind: InteractionKind;
  /** uint64 as a string. */
  count: string;
  weight: number;
}

export interface ScoreParameters {
  halfLifeMs: string;
  asOf: string;
}

export interface FollowerStats {
  followers: string;
  engaged: string;
  silent: string;
  silentRatio: number;
  windowMs: string;
}

export interface PostRates {
  windowStart: string;
  windowEnd: string;
  posts: string;
  commentsAndReplies: string;
  shares: string;
  likes: string;
  conversationRate: number;
  amplificationRate: number;
  applauseRate: number;
  economicValue: number;
}

export interface ResponsivenessSummary {
  answered: string;
  openWithinSla: string;
  openPastSla: string;
  /** Absent when nothing was owed. */
  responseRate?: number;
  /** Absent without answers. */
  medianAnswerMs?: string;
  /** Absent without answers. */
  p90AnswerMs?: string;
  answerSamples: string;
  slaMs: string;
}

export interface AccountScore {
  accountId: string;
  engagementReceived: number;
  engagementGiven: number;
  received: KindCount[];
  given: KindCount[];
  posts: string;
  conversationRatio: number;
  responsiveness?: ResponsivenessSummary;
  followers?: FollowerStats;
  postRates?: PostRates;
  parameters?: ScoreParameters;
  firstInteraction: string;
  lastInteraction: string;
}

export interface AccountPair {
  accountA: string;
  accountB: string;
}

export interface RelationshipScore {
  pair?: AccountPair;
  aToB: number;
  bToA: number;
  reciprocity: number;
  strength: number;
  aToBCounts: KindCount[];
  bToACounts: KindCount[];
  firstInteraction: string;
  lastInteraction: string;
  aFollowsB: boolean;
  bFollowsA: boolean;
  tierForA: Tier;
  tierForB: Tier;
  /** Absent when the pair is outside a's tracked top. */
  rankForA?: number;
  /** Absent when the pair is outside b's tracked top. */
  rankForB?: number;
  parameters?: ScoreParameters;
}

/** Why one item of a batch has no answer. */
export interface ItemError {
  /** A gRPC status code number (NOT_FOUND, INVALID_ARGUMENT). */
  code: number;
  field: string;
  reason: string;
}

/** One answer of batchGetRelationships: exactly one of relationship and error is set. */
export interface RelationshipResult {
  pair?: AccountPair;
  relationship?: RelationshipScore;
  error?: ItemError;
}

export interface BatchGetRelationshipsResponse {
  results: RelationshipResult[];
}

export interface RankedRelationship {
  otherAccount: string;
  rank: number;
  tier: Tier;
  score: number;
}

export interface TopRelationshipsResponse {
  accountId: string;
  direction: Direction;
  relationships: RankedRelationship[];
  parameters?: ScoreParameters;
}

export interface ResponsivenessResponse {
  accountId: string;
  summary?: ResponsivenessSummary;
  asOf: string;
}

export interface OpenExpectation {
  fromAccount: string;
  eventId: string;
  openedAt: string;
  waitingMs: string;
  pastSla: boolean;
}

export interface ListOpenExpectationsResponse {
  accountId: string;
  expectations: OpenExpectation[];
  totalOpen: number;
  asOf: string;
}
