import type { EntityName, EntityRow } from '../../common/sync/entities';
import { MutationOutcome } from './mutations/types';

/**
 * Rules the hub enforces on clinic-owned rows, whatever a workstation sends: a feature adds
 * one per entity that has invariants (a revoked key never becomes active again). A rule throws
 * a MutationOutcome to refuse.
 */
export type EntityRule = (existing: EntityRow | undefined, incoming: EntityRow) => Promise<void> | void;

export const entityRules: Partial<Record<EntityName, EntityRule>> = {};

/** SYNC.md: revocation is one-way. A key deleted (revoked) at the hub never comes back. */
entityRules.issued_key = (existing, incoming) => {
  if (existing?.deleted_at && !incoming.deleted_at) {
    throw new MutationOutcome('forbidden', 'a revoked key never becomes active again', { entity: 'issued_key', entityId: String(incoming.id) });
  }
};
