import type { EntityRow } from './entities';

/** Bumped when a request or response shape changes incompatibly. */
export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_MUTATIONS = 100;
export const MAX_PUSH_BYTES = 256 * 1024;
export const MAX_PULL_CHANGES = 1000;
export const MAX_PULL_BYTES = 1024 * 1024;

export interface HelloResponse {
  epoch: string;
  protocol: number;
  schema: number;
  clinicId: string;
  clinicName: string;
  lastAppliedMutationId: number;
}

export interface PushedMutation {
  id: number;
  name: string;
  args: unknown;
  /** Who made the change at the workstation, for "handled by ..." on the other side. */
  staffId?: string | null;
  staffName?: string | null;
}

export type MutationStatus = 'applied' | 'conflict' | 'rejected' | 'forbidden';

/** The hub's one stored answer to one mutation (SYNC.md: exactly one per client mutation). */
export interface MutationResult {
  id: number;
  status: MutationStatus;
  /** English, for the Conflicts screen's detail and the log; no PHI. */
  message?: string;
  /** Who decided first and when, for "handled by Clinic B at 10:32". */
  handledBy?: string;
  handledAt?: string;
  /** The hub's current rows of the records involved, so a workstation can show both sides. */
  current?: Array<{ entity: string; id: string; version: number; data: EntityRow | null }>;
}

/** A mutation the hub had already applied: its stored result, unchanged. */
export interface ReplayedResult {
  id: number;
  status: 'alreadyProcessed';
  result: MutationResult;
}

export type PushItemResult = MutationResult | ReplayedResult;

export interface PushRequest {
  mutations: PushedMutation[];
}
export interface PushResponse {
  results: PushItemResult[];
}
/** 409: the hub expects this id next (a gap, or a client that was cloned). */
export interface PushGap {
  expected: number;
  reason: 'gap' | 'clone';
}

export interface Change {
  seq: number;
  entity: string;
  id: string;
  op: 'put' | 'delete';
  version: number;
  data: EntityRow | null;
}

export interface PullRequest {
  epoch: string;
  cursor: number;
  /** The highest mutation id whose result the client has settled. */
  ack: number;
}

export interface PullResponse {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
  lastAppliedMutationId: number;
  /** Results of mutations after `ack`, for a client that never heard the push answer. */
  results: MutationResult[];
}

/** 410: the cursor is older than what the hub keeps, or the epoch changed: resync from a snapshot. */
export interface PullGone {
  epoch: string;
  reason: 'epoch' | 'compacted';
}

/** GET /snapshot: NDJSON lines, a header first and an end line last. */
export type SnapshotLine =
  | { kind: 'header'; epoch: string; cursor: number; rows: number }
  | { kind: 'row'; entity: string; version: number; data: EntityRow }
  | { kind: 'end'; rows: number };
