import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Language } from '../../common/i18n/types';
import type { Channel } from '../../common/settings';
import { MINUTE_MS, toTimestamp } from '../../common/time';
import type { HubDB } from '../db/schema';
import { enqueueNotification, type NotifyTarget } from '../notify/outbox';
import type { Trx } from '../sync/changes';
import type { PortalAccount } from './accounts';
import { randomToken, sameText, sha256 } from './secrets';

/**
 * The one-time code that follows a right password: 6 digits, 10 minutes, 5 tries. The browser
 * holds a random challenge secret (cookie); the hub keeps its hash and a hash of secret + code,
 * so a copy of the database can neither find a live challenge nor try codes against it offline.
 */
export const OTP_MINUTES = 10;
export const OTP_TRIES = 5;

export async function startChallenge(
  target: NotifyTarget,
  c: { account: PortalAccount; channel: Channel; to: string; language: Language; displayName: string | undefined },
): Promise<string> {
  const secret = randomToken();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const idHash = sha256(secret);
  await target.trx.insertInto('otp_challenge').values({
    id_hash: idHash, clinic_id: c.account.clinic_id, account_id: c.account.id, code_hash: sha256(`${secret}:${code}`), channel: c.channel,
    attempts: 0, created_at: target.now, expires_at: toTimestamp(Date.parse(target.now) + OTP_MINUTES * MINUTE_MS), used_at: null,
  }).execute();
  await enqueueNotification(target, {
    key: `otp:${idHash}`, clinicId: c.account.clinic_id, patientId: c.account.patient_id, accountId: c.account.id,
    kind: 'oneTimeCode', channel: c.channel, to: c.to, language: c.language,
    params: { code, minutes: OTP_MINUTES, ...(c.displayName ? { displayName: c.displayName } : {}) },
  });
  return secret;
}

export interface LiveChallenge {
  idHash: string;
  accountId: string;
  channel: Channel;
  attempts: number;
}

export async function liveChallenge(db: Kysely<HubDB> | Trx, secret: string | undefined, clinicId: string, now: string): Promise<LiveChallenge | null> {
  if (!secret) return null;
  const row = await db.selectFrom('otp_challenge').selectAll().where('id_hash', '=', sha256(secret)).executeTakeFirst();
  if (!row || row.clinic_id !== clinicId || row.used_at || row.expires_at <= now || row.attempts >= OTP_TRIES) return null;
  return { idHash: row.id_hash, accountId: row.account_id, channel: row.channel as Channel, attempts: row.attempts };
}

export type CodeCheck = { ok: true; accountId: string } | { ok: false; left: number };

/** One try, counted; the right code spends the challenge. Inside the caller's transaction. */
export async function tryCode(trx: Trx, secret: string, challenge: LiveChallenge, code: string, now: string): Promise<CodeCheck> {
  const row = await trx.selectFrom('otp_challenge').select(['code_hash', 'attempts', 'used_at']).where('id_hash', '=', challenge.idHash).executeTakeFirstOrThrow();
  if (row.used_at || row.attempts >= OTP_TRIES) return { ok: false, left: 0 };
  if (sameText(sha256(`${secret}:${code}`), row.code_hash)) {
    await trx.updateTable('otp_challenge').set({ used_at: now }).where('id_hash', '=', challenge.idHash).execute();
    return { ok: true, accountId: challenge.accountId };
  }
  const attempts = row.attempts + 1;
  await trx.updateTable('otp_challenge').set({ attempts }).where('id_hash', '=', challenge.idHash).execute();
  return { ok: false, left: OTP_TRIES - attempts };
}
