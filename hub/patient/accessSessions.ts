import type { Kysely } from 'kysely';
import { MINUTE_MS, toTimestamp } from '../../common/time';
import type { HubDB } from '../db/schema';
import type { Trx } from '../sync/changes';
import { randomToken, sha256 } from './secrets';

/**
 * What a redeemed access code opens (hub-only `access_session`): the browser holds a random id
 * in an HttpOnly, SameSite=Strict cookie scoped to the clinic's access pages, the hub its hash.
 * Never the code: to see the studies again after the view ends, the patient types it again.
 * The view lasts a fixed ACCESS_VIEW_MINUTES from the redemption, however active the patient is.
 */
export const ACCESS_VIEW_MINUTES = 15;

type Db = Kysely<HubDB> | Trx;

export async function openAccessSession(db: Db, s: { clinicId: string; keyId: string; nowMs: number }): Promise<{ secret: string; expiresAt: string }> {
  const secret = randomToken();
  const expiresAt = toTimestamp(s.nowMs + ACCESS_VIEW_MINUTES * MINUTE_MS);
  await db.insertInto('access_session').values({
    id_hash: sha256(secret), clinic_id: s.clinicId, key_id: s.keyId, created_at: toTimestamp(s.nowMs), expires_at: expiresAt, ended_at: null, ended_reason: null,
  }).execute();
  return { secret, expiresAt };
}

export type AccessLookup = { ok: true; idHash: string; keyId: string; expiresAt: string } | { ok: false; reason: 'none' | 'expired' };

/** The live view behind a cookie value; one past its time is ended here. */
export async function useAccessSession(db: Db, cookie: string | undefined, clinicId: string, now: string): Promise<AccessLookup> {
  if (!cookie) return { ok: false, reason: 'none' };
  const idHash = sha256(cookie);
  const row = await db.selectFrom('access_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row || row.clinic_id !== clinicId || (row.ended_at && row.ended_reason !== 'expired')) return { ok: false, reason: 'none' };
  if (row.ended_at || row.expires_at <= now) {
    await endAccessSession(db, idHash, 'expired', now);
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, idHash, keyId: row.key_id, expiresAt: row.expires_at };
}

export async function endAccessSession(db: Db, idHash: string, reason: string, now: string): Promise<void> {
  await db.updateTable('access_session').set({ ended_at: now, ended_reason: reason }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}
