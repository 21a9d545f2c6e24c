/**
 * Messages of scoringgrid/v1/accounts.proto, as the client sends and receives them
 * (lowerCamelCase names, enums by name, int64 as decimal strings).
 */

/** The role of an account for the tenant. */
export type Segment =
  | 'SEGMENT_UNSPECIFIED'
  | 'SEGMENT_CUSTOMER'
  | 'SEGMENT_INFLUENCER'
  | 'SEGMENT_MEDIA'
  | 'SEGMENT_EMPLOYEE'
  | 'SEGMENT_PARTNER'
  | 'SEGMENT_PROSPECT'
  | 'SEGMENT_BRAND';

/** An account's attributes, as stored by the server. */
export interface Account {
  accountId: string;
  displayName: string;
  segment: Segment;
  topics: string[];
  /** When the attributes were last written, ms since the epoch (int64 as a string). */
  updatedAt: string;
}

/** The attributes to write with upsertAccount; accountId is required. */
export interface AccountInput {
  accountId: string;
  /** At most 256 UTF-8 bytes. */
  displayName?: string;
  segment?: Segment;
  /** At most 32, each at most 64 UTF-8 bytes. */
  topics?: string[];
}

/** What upsertAccount answers. */
export interface UpsertAccountResponse {
  account?: Account;
  /** True when the account had no attributes before. */
  created: boolean;
}
