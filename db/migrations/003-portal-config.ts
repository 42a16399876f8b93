import { settingRowId } from '../../common/ids';
import { isClinicSetting } from '../../common/settings';
import type { Migration } from './types';

/**
 * Portal configuration (issue 6). `setting` becomes a synced, clinic-owned record: a derived
 * `id` (the same on every workstation of the clinic), `clinic_id` (null for workstation-only
 * settings, which never sync) and `deleted_at`. Still keyed by `key` locally: a workstation
 * serves one clinic. `setting_history` keeps every change (who, when, old → new, why); it is
 * insert-only, so it syncs without conflicts, and the portal switch's turns in it are what the
 * issued-keys feature points to as the reason a key was disabled.
 */
export const portalConfig: Migration = {
  version: 3,
  name: 'portal-config',
  up(db) {
    db.exec(`
CREATE TABLE setting_v3 (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  clinic_id TEXT REFERENCES clinic(id),
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;

CREATE TABLE setting_history (
  id TEXT PRIMARY KEY,
  clinic_id TEXT REFERENCES clinic(id),
  key TEXT NOT NULL,
  -- JSON of the effective value before (the default when it had never been set) and after
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT,
  changed_at TEXT NOT NULL,
  changed_by TEXT,
  -- the name as it was, readable on other workstations and after the staff member is gone
  changed_by_name TEXT,
  workstation_id TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX setting_history_key ON setting_history(key, changed_at);
`);
    const clinic = db.prepare('SELECT id FROM clinic WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as { id: string } | undefined;
    const rows = db.prepare('SELECT key, value, updated_at, updated_by, version FROM setting').all() as Array<{
      key: string; value: string; updated_at: string; updated_by: string | null; version: number;
    }>;
    const insert = db.prepare(
      'INSERT INTO setting_v3 (key, id, clinic_id, value, updated_at, updated_by, version) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) {
      const clinicId = isClinicSetting(r.key) ? (clinic?.id ?? null) : null;
      insert.run(r.key, settingRowId(clinicId, r.key), clinicId, r.value, r.updated_at, r.updated_by, r.version);
    }
    db.exec('DROP TABLE setting; ALTER TABLE setting_v3 RENAME TO setting;');
  },
};
