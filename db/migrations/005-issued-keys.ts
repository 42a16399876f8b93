import type { Migration } from './types';

/**
 * Issued access keys (seed 000), split by owner as 002 does. The clinic owns the key and its
 * scope (`issued_key`, `issued_key_study`); the hub owns what redemptions do to it
 * (`issued_key_usage`: misses, lock, last use). No column is written by both sides.
 *
 * Never the code: `code_lookup` + `code_hash` as common/rules/accessCode.ts ACCESS_CODE_HASH
 * describes. No hint of the code either (a group of it would give away 15 bits to anyone who
 * sees the list or the database); staff tell keys apart by patient, issuer, dates and studies.
 * `issuer_username` is copied at issue time because staff users do not sync: keys issued on
 * another workstation of the clinic still show and search by their Issuer ID.
 *
 * `result_request` gains what the patient said about themselves when asking (hub-owned, like
 * the rest of the row): it is the portal side of Patient validation, and the only identity an
 * unmatched request has.
 */
export const issuedKeys: Migration = {
  version: 5,
  name: 'issued-keys',
  sql: `
CREATE TABLE issued_key (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  patient_id TEXT NOT NULL REFERENCES patient(id),
  -- the patient's portal account when they have one: the hub also shows the studies to it, signed in
  account_id TEXT,
  -- the result request this key answered, if any
  request_id TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('staff', 'auto')),
  code_lookup TEXT,
  code_hash TEXT,
  issued_by TEXT,
  issuer_username TEXT,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  disabled_at TEXT,
  disabled_by TEXT,
  disabled_reason TEXT CHECK (disabled_reason IN ('staff', 'portal-disabled')),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL)),
  CHECK ((code_hash IS NULL) = (code_lookup IS NULL)),
  -- staff keys always have a code and an issuer; an auto-issued key without a code is bound to an account
  CHECK (origin = 'auto' OR (code_hash IS NOT NULL AND issued_by IS NOT NULL)),
  CHECK (code_hash IS NOT NULL OR account_id IS NOT NULL),
  CHECK (expires_at > issued_at)
) STRICT;
-- Issued keys searches: by Issuer ID and issued date range, by date range alone, by patient
CREATE INDEX issued_key_issuer ON issued_key(issuer_username, issued_at);
CREATE INDEX issued_key_issued ON issued_key(issued_at);
CREATE INDEX issued_key_patient ON issued_key(patient_id, issued_at);
-- the expiring-soon view reads only keys that can still expire
CREATE INDEX issued_key_expiring ON issued_key(expires_at) WHERE disabled_at IS NULL AND deleted_at IS NULL;
CREATE INDEX issued_key_lookup ON issued_key(code_lookup) WHERE code_lookup IS NOT NULL;
CREATE INDEX issued_key_request ON issued_key(request_id) WHERE request_id IS NOT NULL;

CREATE TABLE issued_key_study (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES issued_key(id),
  study_id TEXT NOT NULL REFERENCES study(id),
  -- seed 003 delays, fixed at issue: images from validation (NULL until validated), report from final
  images_ready_at TEXT,
  report_ready_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  UNIQUE (key_id, study_id)
) STRICT;
CREATE INDEX issued_key_study_study ON issued_key_study(study_id);

CREATE TABLE issued_key_usage (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  redemptions INTEGER NOT NULL DEFAULT 0,
  last_used_at TEXT,
  misses INTEGER NOT NULL DEFAULT 0,
  locked_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX issued_key_usage_key ON issued_key_usage(key_id);

ALTER TABLE result_request ADD COLUMN requester_given_name TEXT;
ALTER TABLE result_request ADD COLUMN requester_family_name TEXT;
ALTER TABLE result_request ADD COLUMN requester_date_of_birth TEXT;
ALTER TABLE result_request ADD COLUMN requester_sex TEXT;
ALTER TABLE result_request ADD COLUMN requester_email TEXT;
ALTER TABLE result_request ADD COLUMN requester_mobile TEXT;
`,
};
