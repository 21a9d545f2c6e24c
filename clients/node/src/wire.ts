/** Conversions between the client's objects and the objects grpc-js serializes. */

import type { AccountInput } from './types/accounts';
import type { IngestRequest, Interaction } from './types/interactions';
import type { AccountPair } from './types/scores';
import { toMillisString } from './timestamps';

/** The wire form of an Interaction: occurredAt as an int64 string, optional strings as "". */
export function interactionToWire(interaction: Interaction, field: string): Record<string, unknown> {
  if (interaction === null || typeof interaction !== 'object') {
    throw new TypeError(`${field}: must be an Interaction object`);
  }
  const wire: Record<string, unknown> = {
    eventId: interaction.eventId ?? '',
    actor: interaction.actor ?? '',
    target: interaction.target ?? '',
    kind: interaction.kind ?? 'INTERACTION_KIND_UNSPECIFIED',
    occurredAt: toMillisString(interaction.occurredAt, `${field}.occurredAt`),
    inReplyTo: interaction.inReplyTo ?? '',
  };
  if (interaction.value !== undefined && interaction.value !== null) {
    wire.value = interaction.value;
  }
  if (interaction.sentiment !== undefined && interaction.sentiment !== null) {
    wire.sentiment = interaction.sentiment;
  }
  return wire;
}

/** The wire form of a batch; `field` prefixes error messages (e.g. "batches[2]"). */
export function batchToWire(batch: IngestRequest, defaultBatchId: string, field: string): Record<string, unknown> {
  if (!batch || !Array.isArray(batch.interactions)) {
    throw new TypeError(`${field}.interactions: must be an array of Interaction`);
  }
  return {
    batchId: batch.batchId ?? defaultBatchId,
    interactions: batch.interactions.map((item, i) => interactionToWire(item, `${field}.interactions[${i}]`)),
  };
}

/** A batch given as an array of interactions or as an IngestRequest. */
export function asIngestRequest(batch: IngestRequest | Interaction[]): IngestRequest {
  return Array.isArray(batch) ? { interactions: batch } : batch;
}

/** The wire form of account attributes. */
export function accountToWire(account: AccountInput): Record<string, unknown> {
  if (!account || typeof account !== 'object') {
    throw new TypeError('account: must be an AccountInput object');
  }
  return {
    accountId: account.accountId ?? '',
    displayName: account.displayName ?? '',
    segment: account.segment ?? 'SEGMENT_UNSPECIFIED',
    topics: account.topics ?? [],
  };
}

/** Pairs given as objects or as [a, b] tuples. */
export function pairsToWire(pairs: ReadonlyArray<AccountPair | readonly [string, string]>): AccountPair[] {
  if (!Array.isArray(pairs)) {
    throw new TypeError('pairs: must be an array of AccountPair or [accountA, accountB]');
  }
  return pairs.map((pair) =>
    Array.isArray(pair)
      ? { accountA: pair[0] ?? '', accountB: pair[1] ?? '' }
      : { accountA: (pair as AccountPair).accountA ?? '', accountB: (pair as AccountPair).accountB ?? '' },
  );
}

/**
 * Removes the null placeholders proto-loader puts for absent sub-messages, so that an absent
 * field is undefined (as the response types declare), recursively.
 */
export function dropNulls<T>(value: unknown): T {
  if (Array.isArray(value)) {
    return value.map((item) => dropNulls(item)) as T;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null && item !== undefined) {
        out[key] = dropNulls(item);
      }
    }
    return out as T;
  }
  return value as T;
}
