import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../common/ids';
import type { HubDB } from '../db/schema';

export interface PatientAuditEvent {
  clinicId: string | null;
  accountId?: string | null;
  patientId?: string | null;
  /** 'patient' (signed in or identified by a link), 'anonymous', or 'workstation:<client id>'. */
  actor?: string;
  action: string;
  outcome?: 'ok' | 'refused' | 'failed';
  /** The request's source address. */
  source?: string | null;
  entityId?: string | null;
  /** Small facts (a reason, a count), never a password, code, token or message text. */
  detail?: Record<string, string | number | boolean | null>;
}

/** One row of the hub-only patient audit: who, what, when, from where. Written in the caller's transaction when there is one. */
export async function patientAudit(db: Kysely<HubDB> | Transaction<HubDB>, at: string, e: PatientAuditEvent): Promise<void> {
  await db
    .insertInto('patient_audit')
    .values({
      id: newId(),
      at,
      clinic_id: e.clinicId,
      account_id: e.accountId ?? null,
      patient_id: e.patientId ?? null,
      actor: e.actor ?? (e.accountId ? 'patient' : 'anonymous'),
      action: e.action,
      outcome: e.outcome ?? 'ok',
      source: e.source ?? null,
      entity_id: e.entityId ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}
