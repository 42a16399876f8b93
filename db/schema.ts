/**
 * Kysely's view of the workstation store. Column names are the SQL names; booleans are
 * 0/1 integers as SQLite stores them. Keep in step with db/migrations.
 */
export interface Synced {
  version: number;
  deleted_at: string | null;
}

export interface ClinicTable extends Synced {
  id: string;
  name: string;
  created_at: string;
}

export interface StaffUserTable extends Synced {
  id: string;
  clinic_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  portal_authorised: number;
  /** Comma-separated, sorted; the same as staff_role's rows, carried for sync. */
  roles: string;
  failed_attempts: number;
  throttle_until: string | null;
  locked_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffRoleTable {
  staff_id: string;
  role: string;
}

export interface PatientTable extends Synced {
  id: string;
  clinic_id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  email: string | null;
  mobile: string | null;
  postal_code: string | null;
  address_line: string | null;
  city: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface PatientNameTokenTable {
  token: string;
  sort_key: string;
  patient_id: string;
}

export interface StudyTable extends Synced {
  id: string;
  clinic_id: string | null;
  patient_id: string;
  accession_number: string;
  modality: string;
  description: string;
  study_date: string;
  validated: number;
  validated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportTable extends Synced {
  id: string;
  clinic_id: string | null;
  study_id: string;
  status: string;
  final_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingTable extends Synced {
  key: string;
  id: string;
  clinic_id: string | null;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SettingHistoryTable extends Synced {
  id: string;
  clinic_id: string | null;
  key: string;
  old_value: string;
  new_value: string;
  reason: string | null;
  changed_at: string;
  changed_by: string | null;
  changed_by_name: string | null;
  workstation_id: string;
}

export interface AuditEventTable {
  id: string;
  at: string;
  staff_id: string | null;
  action: string;
  patient_id: string | null;
  outcome: string;
  workstation_id: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: string | null;
}

export interface SyncStateTable {
  id: number;
  client_id: string;
  clinic_id: string | null;
  hub_url: string | null;
  credential: string | null;
  hub_epoch: string | null;
  pull_cursor: number;
  next_mutation_id: number;
  last_ack_mutation_id: number;
  last_synced_at: string | null;
  last_error: string | null;
  snapshot_done: number;
}

export interface SyncOutboxTable {
  mutation_id: number;
  name: string;
  args: string;
  state: string;
  result: string | null;
  created_at: string;
  settled_at: string | null;
  staff_id: string | null;
  staff_name: string | null;
}

export interface SyncShadowTable {
  entity: string;
  entity_id: string;
  version: number;
  data: string;
}

export interface SyncOutboxRowTable {
  mutation_id: number;
  entity: string;
  entity_id: string;
}

export interface SyncConflictTable extends Synced {
  id: string;
  clinic_id: string | null;
  client_id: string | null;
  mutation_id: number | null;
  kind: string;
  mutation_name: string;
  entity: string | null;
  entity_id: string | null;
  ours: string | null;
  theirs: string | null;
  message: string;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export interface PortalAccountTable extends Synced {
  id: string;
  clinic_id: string;
  patient_id: string;
  username: string | null;
  email: string | null;
  right_econsultation: number;
  right_ebooking: number;
  right_eprescription: number;
  wants_electronic_reply: number;
  access_enabled: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  // migration 004
  invitation_requested_at: string | null;
  reset_requested_at: string | null;
  unlock_requested_at: string | null;
  activated_by_clinic_at: string | null;
  temp_password_hash: string | null;
  temp_password_expires_at: string | null;
  must_change_password: number;
  updated_by: string | null;
}

export interface PortalFormerAccountTable extends Synced {
  id: string;
  clinic_id: string;
  patient_id: string;
  account_id: string;
  username: string | null;
  email: string | null;
  right_econsultation: number;
  right_ebooking: number;
  right_eprescription: number;
  wants_electronic_reply: number;
  account_created_at: string;
  removed_at: string;
  removed_by: string | null;
  returned_at: string | null;
}

export interface PortalEmailChangeTable extends Synced {
  id: string;
  clinic_id: string;
  patient_id: string;
  account_id: string;
  old_email: string | null;
  new_email: string;
  reason: string;
  changed_by: string;
  changed_at: string;
}

export interface PortalAccountStateTable extends Synced {
  id: string;
  clinic_id: string;
  account_id: string;
  status: string;
  invited_at: string | null;
  activated_at: string | null;
  last_sign_in_at: string | null;
  failed_attempts: number;
  locked_at: string | null;
}

export interface ResultRequestTable extends Synced {
  id: string;
  clinic_id: string;
  account_id: string | null;
  patient_id: string | null;
  message: string | null;
  status: string;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
  requester_given_name: string | null;
  requester_family_name: string | null;
  requester_date_of_birth: string | null;
  requester_sex: string | null;
  requester_email: string | null;
  requester_mobile: string | null;
}

export interface NotificationTable extends Synced {
  id: string;
  clinic_id: string;
  patient_id: string | null;
  account_id: string | null;
  kind: string;
  channel: string;
  status: string;
  recipient_masked: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface IssuedKeyTable extends Synced {
  id: string;
  clinic_id: string;
  patient_id: string;
  account_id: string | null;
  request_id: string | null;
  origin: 'staff' | 'auto';
  code_lookup: string | null;
  code_hash: string | null;
  issued_by: string | null;
  issuer_username: string | null;
  issued_at: string;
  expires_at: string;
  disabled_at: string | null;
  disabled_by: string | null;
  disabled_reason: 'staff' | 'portal-disabled' | null;
  updated_at: string;
}

export interface IssuedKeyStudyTable extends Synced {
  id: string;
  clinic_id: string;
  key_id: string;
  study_id: string;
  images_ready_at: string | null;
  report_ready_at: string;
}

export interface IssuedKeyUsageTable extends Synced {
  id: string;
  clinic_id: string;
  key_id: string;
  redemptions: number;
  last_used_at: string | null;
  misses: number;
  locked_at: string | null;
}

/** Hub-owned (migration 008): a patient's self-registration. */
export interface LoginRequestTable extends Synced {
  id: string;
  clinic_id: string;
  email: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  mobile: string | null;
  language: string;
  verification: string;
  verified_at: string;
  right_econsultation: number;
  right_ebooking: number;
  right_eprescription: number;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  account_id: string | null;
  returning_patient: number;
  previous_account_id: string | null;
  previous_rights: string | null;
  created_at: string;
  patient_id: string | null;
  reject_note: string | null;
  decided_automatically: number | null;
  manual_reason: string | null;
}

/** Hub-owned (migration 008): a patient's message to a staff member. */
export interface PatientMessageTable extends Synced {
  id: string;
  clinic_id: string;
  account_id: string;
  patient_id: string;
  staff_id: string;
  staff_name: string;
  subject: string;
  body: string;
  status: string;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
}

/** Hub-owned (migration 008): a patient's appointment request. */
export interface AppointmentRequestTable extends Synced {
  id: string;
  clinic_id: string;
  account_id: string;
  patient_id: string;
  wished_date: string;
  wished_time: string | null;
  reason: string;
  status: string;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
}

/** Hub-owned (migration 008): a document a patient uploaded (content on the hub). */
export interface PatientDocumentTable extends Synced {
  id: string;
  clinic_id: string;
  account_id: string;
  patient_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  description: string | null;
  status: string;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
}

export interface DB {
  clinic: ClinicTable;
  staff_user: StaffUserTable;
  staff_role: StaffRoleTable;
  patient: PatientTable;
  patient_name_token: PatientNameTokenTable;
  study: StudyTable;
  report: ReportTable;
  setting: SettingTable;
  setting_history: SettingHistoryTable;
  audit_event: AuditEventTable;
  sync_state: SyncStateTable;
  sync_outbox: SyncOutboxTable;
  sync_outbox_row: SyncOutboxRowTable;
  sync_shadow: SyncShadowTable;
  sync_conflict: SyncConflictTable;
  portal_account: PortalAccountTable;
  portal_account_state: PortalAccountStateTable;
  result_request: ResultRequestTable;
  notification: NotificationTable;
  portal_former_account: PortalFormerAccountTable;
  portal_email_change: PortalEmailChangeTable;
  issued_key: IssuedKeyTable;
  issued_key_study: IssuedKeyStudyTable;
  issued_key_usage: IssuedKeyUsageTable;
  login_request: LoginRequestTable;
  patient_message: PatientMessageTable;
  appointment_request: AppointmentRequestTable;
  patient_document: PatientDocumentTable;
}
