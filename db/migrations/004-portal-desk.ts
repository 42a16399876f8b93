import type { Migration } from './types';

/**
 * What front-desk staff decide about a patient's portal access (issue 5), all clinic-owned:
 * the requests staff made (activation link, reset link, unlock) so the status is right while
 * offline, the temporary password as a scrypt hash with its expiry, the deleted associations
 * with the rights they had (for flagging a returning patient), and the guarded email changes.
 */
export const portalDesk: Migration = {
  version: 4,
  name: 'portal-desk',
  sql: `
ALTER TABLE portal_account ADD COLUMN invitation_requested_at TEXT;
ALTER TABLE portal_account ADD COLUMN reset_requested_at TEXT;
ALTER TABLE portal_account ADD COLUMN unlock_requested_at TEXT;
ALTER TABLE portal_account ADD COLUMN activated_by_clinic_at TEXT;
ALTER TABLE portal_account ADD COLUMN temp_password_hash TEXT;
ALTER TABLE portal_account ADD COLUMN temp_password_expires_at TEXT;
ALTER TABLE portal_account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE portal_account ADD COLUMN updated_by TEXT;

CREATE TABLE portal_former_account (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  patient_id TEXT NOT NULL REFERENCES patient(id),
  account_id TEXT NOT NULL,
  username TEXT,
  email TEXT,
  right_econsultation INTEGER NOT NULL CHECK (right_econsultation IN (0, 1)),
  right_ebooking INTEGER NOT NULL CHECK (right_ebooking IN (0, 1)),
  right_eprescription INTEGER NOT NULL CHECK (right_eprescription IN (0, 1)),
  wants_electronic_reply INTEGER NOT NULL CHECK (wants_electronic_reply IN (0, 1)),
  account_created_at TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  removed_by TEXT,
  -- set by the login-requests feature when the patient registers again
  returned_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX portal_former_account_patient ON portal_former_account(patient_id, removed_at);
CREATE INDEX portal_former_account_email ON portal_former_account(email) WHERE email IS NOT NULL;

CREATE TABLE portal_email_change (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL REFERENCES clinic(id),
  patient_id TEXT NOT NULL REFERENCES patient(id),
  account_id TEXT NOT NULL,
  old_email TEXT,
  new_email TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX portal_email_change_patient ON portal_email_change(patient_id, changed_at);

CREATE INDEX portal_account_email ON portal_account(email) WHERE deleted_at IS NULL AND email IS NOT NULL;
-- the onboarding tool's "a study on or after a date" filter, without reading every patient
CREATE INDEX study_date_patient ON study(study_date, patient_id) WHERE deleted_at IS NULL;
`,
};
