import type { Migration } from './types';

/**
 * The portal records several features share. Split by owner (SYNC.md): what staff decide
 * about a patient's portal access is clinic-owned (`portal_account`); what the patient's own
 * actions produce on the hub is hub-owned (`portal_account_state`, `result_request`,
 * `notification`). No column is written by both sides.
 */
export const portalCore: Migration = {
  version: 2,
  name: 'portal-core',
  sql: `
CREATE TABLE portal_account (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  patient_id TEXT NOT NULL REFERENCES patient(id),
  username TEXT,
  email TEXT,
  right_econsultation INTEGER NOT NULL DEFAULT 0 CHECK (right_econsultation IN (0, 1)),
  right_ebooking INTEGER NOT NULL DEFAULT 0 CHECK (right_ebooking IN (0, 1)),
  right_eprescription INTEGER NOT NULL DEFAULT 0 CHECK (right_eprescription IN (0, 1)),
  wants_electronic_reply INTEGER NOT NULL DEFAULT 0 CHECK (wants_electronic_reply IN (0, 1)),
  access_enabled INTEGER NOT NULL DEFAULT 1 CHECK (access_enabled IN (0, 1)),
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  -- set when staff delete the patient's association with this clinic; the patient may register again
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX portal_account_patient ON portal_account(patient_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX portal_account_username ON portal_account(username) WHERE deleted_at IS NULL AND username IS NOT NULL;

CREATE TABLE portal_account_state (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'locked')),
  invited_at TEXT,
  activated_at TEXT,
  last_sign_in_at TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX portal_account_state_account ON portal_account_state(account_id);

CREATE TABLE result_request (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  account_id TEXT,
  patient_id TEXT,
  message TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'handled', 'dismissed')),
  handled_by TEXT,
  handled_at TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX result_request_patient ON result_request(patient_id, created_at);
CREATE INDEX result_request_status ON result_request(status, created_at);

CREATE TABLE notification (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  patient_id TEXT,
  account_id TEXT,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'bounced')),
  recipient_masked TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  error TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX notification_patient ON notification(patient_id, created_at);
`,
};
