/**
 * Synced entities: records that live both on workstations and on the hub. Each has an owner
 * (SYNC.md "Ownership"), the workstation table that holds it, and the columns that travel.
 * Columns not listed here stay on their side (a workstation's sign-in throttling, the hub's
 * patient password hashes). The hub builds its mirror tables from these lists.
 *
 * Every synced table has `id` (UUIDv7), `clinic_id` (the scope it syncs in), `version` (the hub's
 * change sequence number of the last write; 0 until the hub has it) and `deleted_at`.
 * Feature issues add their entities here.
 */
export type Owner = 'clinic' | 'hub';
export type ColumnType = 'text' | 'integer';

export interface EntityDef {
  owner: Owner;
  /** Workstation table name. */
  table: string;
  columns: Readonly<Record<string, ColumnType>>;
}

const synced = { id: 'text', clinic_id: 'text', version: 'integer', deleted_at: 'text' } as const;

export const ENTITIES = {
  clinic: { owner: 'clinic', table: 'clinic', columns: { ...synced, name: 'text', created_at: 'text' } },
  staff_user: {
    owner: 'clinic',
    table: 'staff_user',
    columns: {
      ...synced, username: 'text', display_name: 'text', password_hash: 'text', must_change_password: 'integer',
      disabled: 'integer', portal_authorised: 'integer', created_at: 'text', updated_at: 'text',
      /** Comma-separated, sorted: roles travel with the row so every workstation grants the same rights (staff_role holds them locally). */
      roles: 'text',
    },
  },
  patient: {
    owner: 'clinic',
    table: 'patient',
    columns: {
      ...synced, mrn: 'text', given_name: 'text', family_name: 'text', date_of_birth: 'text', sex: 'text', email: 'text',
      mobile: 'text', postal_code: 'text', address_line: 'text', city: 'text', created_at: 'text', updated_at: 'text',
    },
  },
  study: {
    owner: 'clinic',
    table: 'study',
    columns: {
      ...synced, patient_id: 'text', accession_number: 'text', modality: 'text', description: 'text', study_date: 'text',
      validated: 'integer', validated_at: 'text', created_at: 'text', updated_at: 'text',
    },
  },
  report: {
    owner: 'clinic',
    table: 'report',
    columns: { ...synced, study_id: 'text', status: 'text', final_at: 'text', created_at: 'text', updated_at: 'text' },
  },
  portal_account: {
    owner: 'clinic',
    table: 'portal_account',
    columns: {
      ...synced, patient_id: 'text', username: 'text', email: 'text', right_econsultation: 'integer', right_ebooking: 'integer',
      right_eprescription: 'integer', wants_electronic_reply: 'integer', access_enabled: 'integer', created_by: 'text',
      created_at: 'text', updated_at: 'text', invitation_requested_at: 'text', reset_requested_at: 'text', unlock_requested_at: 'text',
      activated_by_clinic_at: 'text', temp_password_hash: 'text', temp_password_expires_at: 'text', must_change_password: 'integer',
      updated_by: 'text',
    },
  },
  /** A deleted association with the rights it had: a returning patient is recognised by it. */
  portal_former_account: {
    owner: 'clinic',
    table: 'portal_former_account',
    columns: {
      ...synced, patient_id: 'text', account_id: 'text', username: 'text', email: 'text', right_econsultation: 'integer',
      right_ebooking: 'integer', right_eprescription: 'integer', wants_electronic_reply: 'integer', account_created_at: 'text',
      removed_at: 'text', removed_by: 'text', returned_at: 'text',
    },
  },
  /** Guarded email changes (seed 001): who, why, old and new. */
  portal_email_change: {
    owner: 'clinic',
    table: 'portal_email_change',
    columns: {
      ...synced, patient_id: 'text', account_id: 'text', old_email: 'text', new_email: 'text', reason: 'text', changed_by: 'text',
      changed_at: 'text',
    },
  },
  portal_account_state: {
    owner: 'hub',
    table: 'portal_account_state',
    columns: {
      ...synced, account_id: 'text', status: 'text', invited_at: 'text', activated_at: 'text', last_sign_in_at: 'text',
      failed_attempts: 'integer', locked_at: 'text',
    },
  },
  result_request: {
    owner: 'hub',
    table: 'result_request',
    columns: {
      ...synced, account_id: 'text', patient_id: 'text', message: 'text', status: 'text', handled_by: 'text', handled_at: 'text',
      created_at: 'text',
      // what the patient said about themselves when asking: the portal side of Patient validation
      requester_given_name: 'text', requester_family_name: 'text', requester_date_of_birth: 'text', requester_sex: 'text',
      requester_email: 'text', requester_mobile: 'text',
    },
  },
  notification: {
    owner: 'hub',
    table: 'notification',
    columns: {
      ...synced, patient_id: 'text', account_id: 'text', kind: 'text', channel: 'text', status: 'text', recipient_masked: 'text',
      created_at: 'text', sent_at: 'text', error: 'text',
    },
  },
  /** Portal configuration of the clinic (issue 6): one row per clinic setting, id derived from clinic and key. */
  setting: {
    owner: 'clinic',
    table: 'setting',
    columns: { ...synced, key: 'text', value: 'text', updated_at: 'text', updated_by: 'text' },
  },
  /** Insert-only record of every configuration change; the portal switch's turns are the reason keys were disabled. */
  setting_history: {
    owner: 'clinic',
    table: 'setting_history',
    columns: {
      ...synced, key: 'text', old_value: 'text', new_value: 'text', reason: 'text', changed_at: 'text', changed_by: 'text',
      changed_by_name: 'text', workstation_id: 'text',
    },
  },
  /** An access key (seed 000 "Issued keys"): the code travels only as a lookup and a scrypt hash. */
  issued_key: {
    owner: 'clinic',
    table: 'issued_key',
    columns: {
      ...synced, patient_id: 'text', account_id: 'text', request_id: 'text', origin: 'text', code_lookup: 'text', code_hash: 'text',
      issued_by: 'text', issuer_username: 'text', issued_at: 'text', expires_at: 'text', disabled_at: 'text', disabled_by: 'text',
      disabled_reason: 'text', updated_at: 'text',
    },
  },
  /** A study a key shows, with the access delays fixed at issue (seed 003). */
  issued_key_study: {
    owner: 'clinic',
    table: 'issued_key_study',
    columns: { ...synced, key_id: 'text', study_id: 'text', images_ready_at: 'text', report_ready_at: 'text' },
  },
  /** What patients did with a key at the hub: redemptions, misses, the lock after five. */
  issued_key_usage: {
    owner: 'hub',
    table: 'issued_key_usage',
    columns: { ...synced, key_id: 'text', redemptions: 'integer', last_used_at: 'text', misses: 'integer', locked_at: 'text' },
  },
  /**
   * A patient's self-registration (seed 002 "Loginbestillinger"), made on the hub's pages: what they
   * entered, how they were verified ('strong' eID or 'email' confirmed by link), the rights they ask
   * for, and the clinic's decision. `returning_patient` = 1 when a deleted portal account of this clinic
   * matched them; `previous_rights` lists that account's rights (comma-separated PORTAL_RIGHTS).
   */
  login_request: {
    owner: 'hub',
    table: 'login_request',
    columns: {
      ...synced, email: 'text', given_name: 'text', family_name: 'text', date_of_birth: 'text', postal_code: 'text', mobile: 'text',
      language: 'text', verification: 'text', verified_at: 'text', right_econsultation: 'integer', right_ebooking: 'integer',
      right_eprescription: 'integer', status: 'text', decided_by: 'text', decided_at: 'text', reject_reason: 'text', account_id: 'text',
      returning_patient: 'integer', previous_account_id: 'text', previous_rights: 'text', created_at: 'text',
      // issue 7: the decision (patient_id: whose account; reject_note: a typed reason, shown only on the hub's page;
      // decided_automatically) and manual_reason (why automatic approval left it to staff)
      patient_id: 'text', reject_note: 'text', decided_automatically: 'integer', manual_reason: 'text',
    },
  },
  /** A signed-in patient's message to a portal-authorised staff member (e-consultation). */
  patient_message: {
    owner: 'hub',
    table: 'patient_message',
    columns: {
      ...synced, account_id: 'text', patient_id: 'text', staff_id: 'text', staff_name: 'text', subject: 'text', body: 'text',
      status: 'text', handled_by: 'text', handled_at: 'text', created_at: 'text',
    },
  },
  /** A signed-in patient's wish for an appointment (e-booking). */
  appointment_request: {
    owner: 'hub',
    table: 'appointment_request',
    columns: {
      ...synced, account_id: 'text', patient_id: 'text', wished_date: 'text', wished_time: 'text', reason: 'text', status: 'text',
      handled_by: 'text', handled_at: 'text', created_at: 'text',
    },
  },
  /** A document a patient uploaded: the metadata syncs; the content stays on the hub (GET /sync/v1/documents/:id). */
  patient_document: {
    owner: 'hub',
    table: 'patient_document',
    columns: {
      ...synced, account_id: 'text', patient_id: 'text', file_name: 'text', content_type: 'text', size_bytes: 'integer', sha256: 'text',
      description: 'text', status: 'text', handled_by: 'text', handled_at: 'text', created_at: 'text',
    },
  },
  /** Every conflict, rejection and overwrite, recorded by the hub and shown on every workstation of the clinic. */
  sync_conflict: {
    owner: 'hub',
    table: 'sync_conflict',
    columns: {
      ...synced, client_id: 'text', mutation_id: 'integer', kind: 'text', mutation_name: 'text', entity: 'text', entity_id: 'text',
      ours: 'text', theirs: 'text', message: 'text', handled_by: 'text', handled_at: 'text', created_at: 'text',
      acknowledged_by: 'text', acknowledged_at: 'text',
    },
  },
} satisfies Record<string, EntityDef>;

export type EntityName = keyof typeof ENTITIES;

export function isEntityName(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}

export function entityDef(name: EntityName): EntityDef {
  return ENTITIES[name];
}

/** A row as it travels: the entity's columns by SQL name, values JSON-safe. */
export type EntityRow = Record<string, string | number | null>;

/** Keeps only the columns that travel; everything else stays where it is. */
export function pickSynced(name: EntityName, row: Record<string, unknown>): EntityRow {
  const out: EntityRow = {};
  for (const col of Object.keys(ENTITIES[name].columns)) {
    const v = row[col];
    out[col] = v === undefined ? null : (v as string | number | null);
  }
  // a clinic is its own scope
  if (name === 'clinic') out.clinic_id = out.id ?? null;
  return out;
}
