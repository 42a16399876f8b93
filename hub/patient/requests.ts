import type { Kysely } from 'kysely';
import { newId } from '../../common/ids';
import type { HubDB } from '../db/schema';
import { entityDb, type ChangeWriter } from '../sync/changes';
import type { PortalAccount } from './accounts';

/**
 * What a signed-in patient sends the clinic: hub-owned synced rows (common/sync/entities.ts), status
 * `new` until staff act on them from a workstation.
 */
export const LIMITS = { resultMessage: 1000, subject: 200, messageBody: 5000, reason: 1000, description: 500 } as const;

const base = (account: PortalAccount, now: string) => ({
  id: newId(), clinic_id: account.clinic_id, version: 0, deleted_at: null, account_id: account.id, patient_id: account.patient_id,
  status: 'new', handled_by: null, handled_at: null, created_at: now,
});

export async function createResultRequest(changes: ChangeWriter, account: PortalAccount, now: string, message: string | null): Promise<string> {
  const row = { ...base(account, now), message };
  await changes.put('result_request', row);
  return row.id;
}

export async function createMessage(changes: ChangeWriter, account: PortalAccount, now: string, m: { staffId: string; staffName: string; subject: string; body: string }): Promise<string> {
  const row = { ...base(account, now), staff_id: m.staffId, staff_name: m.staffName, subject: m.subject, body: m.body };
  await changes.put('patient_message', row);
  return row.id;
}

export async function createAppointmentRequest(changes: ChangeWriter, account: PortalAccount, now: string, a: { date: string; time: string | null; reason: string }): Promise<string> {
  const row = { ...base(account, now), wished_date: a.date, wished_time: a.time, reason: a.reason };
  await changes.put('appointment_request', row);
  return row.id;
}

/** Staff who may receive patients' messages: portal-authorised and not disabled, of this clinic. */
export async function messageRecipients(db: Kysely<HubDB>, clinicId: string): Promise<Array<{ id: string; display_name: string }>> {
  return (await entityDb(db).selectFrom('e_staff_user').select(['id', 'display_name']).where('clinic_id', '=', clinicId)
    .where('deleted_at', 'is', null).where('portal_authorised', '=', 1).where('disabled', '=', 0).orderBy('display_name').execute()) as Array<{ id: string; display_name: string }>;
}

export interface HistoryItem {
  kind: 'result' | 'message' | 'appointment' | 'document';
  id: string;
  createdAt: string;
  status: string;
  /** The recipient's name, the wished date, or the file name. */
  detail: string;
}

/** Everything the account has sent, newest first. */
export async function historyOf(db: Kysely<HubDB>, accountId: string): Promise<HistoryItem[]> {
  const e = entityDb(db);
  const of = async (table: string, kind: HistoryItem['kind'], detail: string | null) => {
    const rows = (await e.selectFrom(table).selectAll().where('account_id', '=', accountId).where('deleted_at', 'is', null).execute()) as Array<Record<string, unknown>>;
    return rows.map((r): HistoryItem => ({ kind, id: String(r.id), createdAt: String(r.created_at), status: String(r.status), detail: detail ? String(r[detail] ?? '') : '' }));
  };
  const all = [
    ...(await of('e_result_request', 'result', null)),
    ...(await of('e_patient_message', 'message', 'staff_name')),
    ...(await of('e_appointment_request', 'appointment', 'wished_date')),
    ...(await of('e_patient_document', 'document', 'file_name')),
  ];
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
}
