/**
 * The hub's own tables (sync bookkeeping). Mirror tables of synced entities have the columns of
 * common/sync/entities.ts and are reached through `entityDb()` in hub/sync/changes.ts.
 */
export interface HubMetaTable {
  id: number;
  epoch: string;
  seq: number;
  horizon: number;
}

export interface EnrollmentTable {
  code_hash: string;
  clinic_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface SyncClientTable {
  client_id: string;
  clinic_id: string;
  credential_hash: string;
  last_applied: number;
  label: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface MutationResultTable {
  client_id: string;
  mutation_id: number;
  name: string;
  args_hash: string;
  status: string;
  result: string;
  created_at: string;
}

export interface ChangeLogTable {
  seq: number;
  tx: number;
  scope: string;
  entity: string;
  entity_id: string;
  op: string;
  data: string | null;
  client_id: string | null;
  mutation_id: number | null;
  staff_name: string | null;
  at: string;
}

export interface HubMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

/** hub/notify: one row per email or SMS asked for; content erased once it is sent or given up. */
export interface NotifyOutboxTable {
  key: string;
  notification_id: string;
  clinic_id: string;
  kind: string;
  channel: string;
  language: string;
  recipient: string | null;
  params: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** hub/patient: hub-only tables of the patient side (migration 10). */
export interface HubSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface PatientCredentialTable {
  account_id: string;
  clinic_id: string;
  password_hash: string;
  must_change: number;
  temp_expires_at: string | null;
  updated_at: string;
}

export interface AccountTokenTable {
  token_hash: string;
  purpose: string;
  clinic_id: string;
  /** The portal account (activation, reset) or the pending registration (email-confirmation). */
  subject_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PatientSessionTable {
  id_hash: string;
  clinic_id: string;
  account_id: string;
  must_change: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  ended_reason: string | null;
}

export interface OtpChallengeTable {
  id_hash: string;
  clinic_id: string;
  account_id: string;
  code_hash: string;
  channel: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PendingRegistrationTable {
  id: string;
  clinic_id: string;
  secret_hash: string | null;
  email: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  mobile: string | null;
  language: string;
  verification: string;
  right_econsultation: number;
  right_ebooking: number;
  right_eprescription: number;
  created_at: string;
  expires_at: string;
}

export interface PatientAuditTable {
  id: string;
  at: string;
  clinic_id: string | null;
  account_id: string | null;
  patient_id: string | null;
  /** 'patient', 'anonymous', or 'workstation:<client id>'. */
  actor: string;
  action: string;
  outcome: string;
  source: string | null;
  entity_id: string | null;
  detail: string | null;
}

export interface DocumentContentTable {
  document_id: string;
  clinic_id: string;
  content: Buffer;
}

/** hub/patient/accessSessions.ts (migration 30): what a redeemed access code opens, for a short while. */
export interface AccessSessionTable {
  id_hash: string;
  clinic_id: string;
  key_id: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_reason: string | null;
}

export interface HubDB {
  hub_meta: HubMetaTable;
  enrollment: EnrollmentTable;
  sync_client: SyncClientTable;
  mutation_result: MutationResultTable;
  change_log: ChangeLogTable;
  hub_migration: HubMigrationTable;
  notify_outbox: NotifyOutboxTable;
  hub_secret: HubSecretTable;
  patient_credential: PatientCredentialTable;
  account_token: AccountTokenTable;
  patient_session: PatientSessionTable;
  otp_challenge: OtpChallengeTable;
  pending_registration: PendingRegistrationTable;
  patient_audit: PatientAuditTable;
  document_content: DocumentContentTable;
  access_session: AccessSessionTable;
}
