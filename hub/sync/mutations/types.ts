import type { EntityRow } from '../../../common/sync/entities';
import type { MutationStatus } from '../../../common/sync/protocol';
import type { ChangeWriter, Trx } from '../changes';

export interface MutationContext {
  trx: Trx;
  changes: ChangeWriter;
  client: { clientId: string; clinicId: string };
  mutation: { id: number; name: string; staffId: string | null; staffName: string | null };
  now: string;
  /** A demo hub (the embedded one) accepts demo data a real hub refuses. */
  demo: boolean;
  /** Where patients reach the hub: links in email and SMS (hub/patient/tokens.ts `sendAccountLink(ctx, ...)`). */
  publicUrl: string;
}

/** A row another workstation wrote that this mutation replaced: recorded as a visible conflict. */
export interface Overwrite {
  entity: string;
  id: string;
  theirs: EntityRow;
  ours: EntityRow;
  by: string | null;
  at: string | null;
}

export interface Applied {
  overwrites?: Overwrite[];
}

/**
 * Thrown by a handler to answer with something other than `applied`. Everything the handler
 * wrote is rolled back; the outcome is stored as the mutation's one result and shown as a conflict.
 */
export class MutationOutcome extends Error {
  constructor(
    readonly status: Exclude<MutationStatus, 'applied'>,
    message: string,
    readonly detail: {
      entity?: string;
      entityId?: string;
      handledBy?: string | null;
      handledAt?: string | null;
      current?: Array<{ entity: string; id: string; version: number; data: EntityRow | null }>;
    } = {},
  ) {
    super(message);
    this.name = 'MutationOutcome';
  }
}

export type MutationHandler<A> = (ctx: MutationContext, args: A) => Promise<Applied | void>;
