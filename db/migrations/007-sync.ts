import type { Migration } from './types';

/**
 * What the sync client needs beyond migration 1: every synced table carries its clinic (studies
 * and reports did not), conflicts arrive from the hub as synced rows, and each outbox mutation
 * remembers who made it and which rows it carries (so a pull never overwrites a local change
 * that is still on its way to the hub, and catches up with the hub once the change is answered).
 */
export const sync: Migration = {
  version: 7,
  name: 'sync',
  sql: `
ALTER TABLE study ADD COLUMN clinic_id TEXT;
UPDATE study SET clinic_id = (SELECT clinic_id FROM patient WHERE patient.id = study.patient_id);
ALTER TABLE report ADD COLUMN clinic_id TEXT;
UPDATE report SET clinic_id = (SELECT clinic_id FROM study WHERE study.id = report.study_id);

ALTER TABLE sync_conflict ADD COLUMN clinic_id TEXT;
ALTER TABLE sync_conflict ADD COLUMN client_id TEXT;
ALTER TABLE sync_conflict ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_conflict ADD COLUMN deleted_at TEXT;

ALTER TABLE sync_outbox ADD COLUMN staff_id TEXT;
ALTER TABLE sync_outbox ADD COLUMN staff_name TEXT;

CREATE TABLE sync_outbox_row (
  mutation_id INTEGER NOT NULL REFERENCES sync_outbox(mutation_id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id, mutation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_outbox_row_mutation ON sync_outbox_row(mutation_id);

-- The hub's latest version of a row that a pull could not write because a local change to it
-- was still pending; written once the last pending change of the row has its result.
CREATE TABLE sync_shadow (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE sync_state ADD COLUMN snapshot_done INTEGER NOT NULL DEFAULT 0;

-- staff sign in at any workstation of their clinic: their row (hash included) and roles travel
ALTER TABLE staff_user ADD COLUMN roles TEXT NOT NULL DEFAULT '';
UPDATE staff_user SET roles = coalesce((SELECT group_concat(role, ',') FROM (SELECT role FROM staff_role WHERE staff_id = staff_user.id ORDER BY role)), '');
`,
};
