import type { EntityName, EntityRow } from '../../common/sync/entities';

/**
 * Rules the hub enforces on clinic-owned rows, whatever a workstation sends: a feature adds
 * one per entity that has invariants (a revoked key never becomes active again). A rule throws
 * a MutationOutcome to refuse.
 */
export type EntityRule = (existing: EntityRow | undefined, incoming: EntityRow) => Promise<void> | void;

export const entityRules: Partial<Record<EntityName, EntityRule>> = {};
