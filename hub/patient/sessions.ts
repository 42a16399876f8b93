import type { Kysely } from 'kysely';
import { MINUTE_MS, toTimestamp } from '../../common/time';
import type { HubDB } from '../db/schema';
import type { Trx } from '../sync/changes';
import { randomToken, sha256 } from './secrets';

/**
 * Patient sessions (hub-only `patient_session`): the browser holds a random id in an HttpOnly,
 * SameSite=Strict cookie scoped to the clinic's pages; the hub keeps only its hash. A session
 * ends after the clinic's portal.sessionMinutes without a request, on sign-out, and (all of an
 * account's at once) when the password is reset or set by staff.
 */
export interface PatientSession {
  idHash: string;
  clinicId: string;
  accountId: string;
  /** Signed in with a temporary password: only the page that sets a new one is open. */
  mustChange: boolean;
}

type Db = Kysely<HubDB> | Trx;

/** Writes during a burst of clicks would be wasted: last_seen_at moves at most this often. */
const TOUCH_EVERY_MS = 15_000;

export async function openSession(db: Db, s: { clinicId: string; accountId: string; mustChange: boolean; now: string }): Promise<string> {
  const id = randomToken();
  await db.insertInto('patient_session').values({
    id_hash: sha256(id), clinic_id: s.clinicId, account_id: s.accountId, must_change: s.mustChange ? 1 : 0,
    created_at: s.now, last_seen_at: s.now, ended_at: null, ended_reason: null,
  }).execute();
  return id;
}

export type SessionLookup = { ok: true; session: PatientSession } | { ok: false; reason: 'none' | 'idle' };

/** The live session behind a cookie value, touched; one idle for longer than the clinic allows is ended here. */
export async function useSession(db: Kysely<HubDB>, cookie: string | undefined, clinicId: string, sessionMinutes: number, nowMs: number): Promise<SessionLookup> {
  if (!cookie) return { ok: false, reason: 'none' };
  const idHash = sha256(cookie);
  const row = await db.selectFrom('patient_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row || row.ended_at || row.clinic_id !== clinicId) return { ok: false, reason: 'none' };
  const idle = nowMs - Date.parse(row.last_seen_at);
  if (idle > sessionMinutes * MINUTE_MS) {
    await endSession(db, idHash, 'idle', toTimestamp(nowMs));
    return { ok: false, reason: 'idle' };
  }
  if (idle >= TOUCH_EVERY_MS) await db.updateTable('patient_session').set({ last_seen_at: toTimestamp(nowMs) }).where('id_hash', '=', idHash).execute();
  return { ok: true, session: { idHash, clinicId: row.clinic_id, accountId: row.account_id, mustChange: row.must_change === 1 } };
}

export async function endSession(db: Db, idHash: string, reason: string, now: string): Promise<void> {
  await db.updateTable('patient_session').set({ ended_at: now, ended_reason: reason }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Ends every live session of the account (password reset, new temporary password); returns how many. */
export async function endAccountSessions(db: Db, accountId: string, reason: string, now: string): Promise<number> {
  const r = await db.updateTable('patient_session').set({ ended_at: now, ended_reason: reason })
    .where('account_id', '=', accountId).where('ended_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function clearMustChange(db: Db, idHash: string): Promise<void> {
  await db.updateTable('patient_session').set({ must_change: 0 }).where('id_hash', '=', idHash).execute();
}
