/**
 * Synced entities: records that live both on workstations and on the hub. Each has an owner
 * (SYNC.md "Ownership") and the table that holds it on a workstation. Every synced table has
 * `id` (UUIDv7), `clinic_id` where it is per clinic, `version` (the hub's change sequence number of
 * the last write; 0 until the hub has it) and `deleted_at`.
 *
 * Feature issues add their entities here; the sync client applies pulled rows through this list
 * and the hub keeps a current copy of each row in its `entity_row` table.
 */
export type Owner = 'clinic' | 'hub';

export interface EntityDef {
  owner: Owner;
  /** Workstation table name. */
  table: string;
}

export const ENTITIES = {
  clinic: { owner: 'clinic', table: 'clinic' },
  patient: { owner: 'clinic', table: 'patient' },
  study: { owner: 'clinic', table: 'study' },
  report: { owner: 'clinic', table: 'report' },
  portal_account: { owner: 'clinic', table: 'portal_account' },
  portal_account_state: { owner: 'hub', table: 'portal_account_state' },
  result_request: { owner: 'hub', table: 'result_request' },
  notification: { owner: 'hub', table: 'notification' },
  issued_key: { owner: 'clinic', table: 'issued_key' },
  issued_key_study: { owner: 'clinic', table: 'issued_key_study' },
  issued_key_usage: { owner: 'hub', table: 'issued_key_usage' },
} satisfies Record<string, EntityDef>;

export type EntityName = keyof typeof ENTITIES;

export function isEntityName(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}

/** A row as it travels: the table's columns by SQL name, values JSON-safe. */
export type EntityRow = Record<string, string | number | null>;
