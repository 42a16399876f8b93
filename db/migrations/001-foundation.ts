import type { Migration } from './types';

/**
 * Staff, roles, clinics, the RIS/EMR patient with studies and reports, settings, the audit
 * trail and the sync bookkeeping of SYNC.md. Synced rows carry `version` (assigned by the hub)
 * and a soft-delete `deleted_at`.
 */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE clinic (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;

CREATE TABLE staff_user (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  portal_authorised INTEGER NOT NULL DEFAULT 0 CHECK (portal_authorised IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  throttle_until TEXT,
  locked_at TEXT,
  last_sign_in_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;

CREATE TABLE staff_role (
  staff_id TEXT NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('front_desk', 'media_management', 'portal_admin')),
  PRIMARY KEY (staff_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE patient (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  mrn TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'O', 'U')),
  email TEXT,
  mobile TEXT,
  postal_code TEXT,
  address_line TEXT,
  city TEXT,
  -- folded "family given" for the LIKE filter on extra search words
  search_text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  UNIQUE (clinic_id, mrn)
) STRICT;
CREATE INDEX patient_mrn ON patient(mrn);
CREATE INDEX patient_dob ON patient(date_of_birth, family_name);

-- One row per folded name word, so "han" finds Hansen, Johanne-Hansen's second part, and Hans.
CREATE TABLE patient_name_token (
  token TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  PRIMARY KEY (token, sort_key, patient_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX patient_name_token_patient ON patient_name_token(patient_id);

CREATE TABLE study (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patient(id),
  accession_number TEXT NOT NULL UNIQUE,
  modality TEXT NOT NULL,
  description TEXT NOT NULL,
  study_date TEXT NOT NULL,
  validated INTEGER NOT NULL DEFAULT 0 CHECK (validated IN (0, 1)),
  validated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX study_patient ON study(patient_id, study_date);

CREATE TABLE report (
  id TEXT PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES study(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'preliminary', 'final')),
  final_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  CHECK ((status = 'final') = (final_at IS NOT NULL))
) STRICT;
CREATE INDEX report_study ON report(study_id);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  version INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE audit_event (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  staff_id TEXT,
  action TEXT NOT NULL,
  patient_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  workstation_id TEXT NOT NULL,
  entity_type TEXT,
  entity_id TEXT,
  detail TEXT
) STRICT;
CREATE INDEX audit_event_at ON audit_event(at);
CREATE INDEX audit_event_patient ON audit_event(patient_id, at);
CREATE INDEX audit_event_staff ON audit_event(staff_id, at);

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  client_id TEXT NOT NULL,
  clinic_id TEXT,
  hub_url TEXT,
  credential TEXT,
  hub_epoch TEXT,
  pull_cursor INTEGER NOT NULL DEFAULT 0,
  next_mutation_id INTEGER NOT NULL DEFAULT 1,
  last_ack_mutation_id INTEGER NOT NULL DEFAULT 0,
  last_synced_at TEXT,
  last_error TEXT
) STRICT;

CREATE TABLE sync_outbox (
  mutation_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'applied', 'alreadyProcessed', 'conflict', 'rejected', 'forbidden')),
  result TEXT,
  created_at TEXT NOT NULL,
  settled_at TEXT
) STRICT;
CREATE INDEX sync_outbox_pending ON sync_outbox(state, mutation_id);

CREATE TABLE sync_conflict (
  id TEXT PRIMARY KEY,
  mutation_id INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('conflict', 'rejected', 'forbidden', 'overwritten')),
  mutation_name TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  ours TEXT,
  theirs TEXT,
  message TEXT NOT NULL,
  handled_by TEXT,
  handled_at TEXT,
  created_at TEXT NOT NULL,
  acknowledged_by TEXT,
  acknowledged_at TEXT
) STRICT;
CREATE INDEX sync_conflict_open ON sync_conflict(acknowledged_at, created_at);
`,
};
