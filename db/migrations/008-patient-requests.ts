import type { Migration } from './types';

/**
 * What patients create on the hub's pages (hub-owned, SYNC.md "Ownership"): self-registrations
 * (login requests), messages to staff, appointment requests and uploaded documents. The hub
 * writes them; workstations receive them by pull and act on them with commands. A document's
 * content stays on the hub; staff fetch it through GET /sync/v1/documents/:id.
 */
export const patientRequests: Migration = {
  version: 8,
  name: 'patient-requests',
  sql: `
CREATE TABLE login_request (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  email TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  mobile TEXT,
  language TEXT NOT NULL CHECK (language IN ('en', 'da')),
  -- 'strong': verified by an eID such as MitID; 'email': the patient confirmed the address by link
  verification TEXT NOT NULL CHECK (verification IN ('strong', 'email')),
  verified_at TEXT NOT NULL,
  right_econsultation INTEGER NOT NULL DEFAULT 0 CHECK (right_econsultation IN (0, 1)),
  right_ebooking INTEGER NOT NULL DEFAULT 0 CHECK (right_ebooking IN (0, 1)),
  right_eprescription INTEGER NOT NULL DEFAULT 0 CHECK (right_eprescription IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('new', 'approved', 'rejected', 'handled_elsewhere')),
  decided_by TEXT,
  decided_at TEXT,
  reject_reason TEXT,
  account_id TEXT,
  -- a deleted portal account of this clinic matched the email or the patient: the rights it had
  returning_patient INTEGER NOT NULL DEFAULT 0 CHECK (returning_patient IN (0, 1)),
  previous_account_id TEXT,
  previous_rights TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX login_request_status ON login_request(status, created_at);

CREATE TABLE patient_message (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  -- the recipient's name as it was when the patient wrote
  staff_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('new', 'handled', 'dismissed')),
  handled_by TEXT,
  handled_at TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX patient_message_patient ON patient_message(patient_id, created_at);
CREATE INDEX patient_message_status ON patient_message(status, created_at);

CREATE TABLE appointment_request (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  wished_date TEXT NOT NULL,
  -- HH:MM, or null for "any time that day"
  wished_time TEXT,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('new', 'handled', 'dismissed')),
  handled_by TEXT,
  handled_at TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX appointment_request_patient ON appointment_request(patient_id, created_at);
CREATE INDEX appointment_request_status ON appointment_request(status, created_at);

CREATE TABLE patient_document (
  id TEXT PRIMARY KEY,
  clinic_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'handled', 'dismissed')),
  handled_by TEXT,
  handled_at TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT
) STRICT;
CREATE INDEX patient_document_patient ON patient_document(patient_id, created_at);
CREATE INDEX patient_document_status ON patient_document(status, created_at);
`,
};
