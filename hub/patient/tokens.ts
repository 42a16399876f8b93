import type { Kysely } from 'kysely';
import type { Language } from '../../common/i18n/types';
import type { NotificationChannel } from '../../common/notifications';
import { pickChannel } from '../../common/rules/channels';
import { HOUR_MS, toTimestamp } from '../../common/time';
import type { HubDB } from '../db/schema';
import { enqueueNotification, type Enqueued } from '../notify/outbox';
import type { ChangeWriter, Trx } from '../sync/changes';
import { MutationOutcome } from '../sync/mutations/types';
import { ensureState, getAccount, getPatient, updateState } from './accounts';
import { clinicPortal, notificationName } from './clinic';
import { randomToken, sha256 } from './secrets';

/**
 * Single-use account tokens (hub-only `account_token`): 256 random bits, only the hash kept,
 * short-lived, spent by the page they lead to. Issuing a new one of a purpose retires the
 * subject's earlier unused ones, so only the newest link works.
 */
export type AccountLinkPurpose = 'activation' | 'reset';
/** `registration-note`: opens the page with the clinic's typed reason for not approving a registration (its subject: the login request). */
export type TokenPurpose = AccountLinkPurpose | 'email-confirmation' | 'registration-note';

// the note's link lives two weeks: the patient may read a rejection late, and it is no key to anything
export const TOKEN_HOURS: Record<TokenPurpose, number> = { activation: 72, reset: 1, 'email-confirmation': 24, 'registration-note': 336 };
const PAGE: Record<TokenPurpose, string> = { activation: 'activate', reset: 'reset', 'email-confirmation': 'confirm-email', 'registration-note': 'registration-note' };

/** A transaction that can write synced rows and knows where patients reach the hub. A MutationContext is one. */
export interface LinkTarget {
  trx: Trx;
  changes: ChangeWriter;
  now: string;
  publicUrl: string;
}

export function linkFor(publicUrl: string, clinicId: string, purpose: TokenPurpose, token: string): string {
  if (!publicUrl) throw new Error('the hub has no public URL yet: links are made once it listens');
  return `${publicUrl.replace(/\/+$/, '')}/c/${clinicId}/${PAGE[purpose]}?token=${token}`;
}

/** A new token for a subject (an account, or a pending registration); returns it in clear, once. */
export async function issueToken(trx: Trx, t: { purpose: TokenPurpose; clinicId: string; subjectId: string; now: string }): Promise<{ token: string; hours: number; expiresAt: string }> {
  const hours = TOKEN_HOURS[t.purpose];
  const expiresAt = toTimestamp(Date.parse(t.now) + hours * HOUR_MS);
  await trx.updateTable('account_token').set({ used_at: t.now })
    .where('subject_id', '=', t.subjectId).where('purpose', '=', t.purpose).where('used_at', 'is', null).execute();
  const token = randomToken();
  await trx.insertInto('account_token').values({
    token_hash: sha256(token), purpose: t.purpose, clinic_id: t.clinicId, subject_id: t.subjectId, created_at: t.now, expires_at: expiresAt, used_at: null,
  }).execute();
  return { token, hours, expiresAt };
}

/** The subject of a valid (unused, unexpired) token of this purpose and clinic, without spending it. */
export async function peekToken(db: Kysely<HubDB>, t: { token: string; purpose: TokenPurpose; clinicId: string; now: string }): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(t.token)) return null;
  const row = await db.selectFrom('account_token').selectAll().where('token_hash', '=', sha256(t.token)).executeTakeFirst();
  if (!row || row.purpose !== t.purpose || row.clinic_id !== t.clinicId || row.used_at || row.expires_at <= t.now) return null;
  return row.subject_id;
}

/** Spends the token inside the caller's transaction; null when it was not valid (then nothing changes). */
export async function spendToken(trx: Trx, t: { token: string; purpose: TokenPurpose; clinicId: string; now: string }): Promise<string | null> {
  const subject = await peekToken(trx, t);
  if (!subject) return null;
  const r = await trx.updateTable('account_token').set({ used_at: t.now }).where('token_hash', '=', sha256(t.token)).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? subject : null;
}

/**
 * THE API for the portal form's mutations (issue 5): a link that activates the account or resets
 * its password, valid for `hours`. Activation marks the account invited now (`invited_at`).
 * Put the link into a notification in the same transaction, or use `sendAccountLink`.
 */
export async function issueAccountLink(target: LinkTarget, req: { accountId: string; purpose: AccountLinkPurpose }): Promise<{ link: string; hours: number; expiresAt: string }> {
  const account = await getAccount(target.trx, req.accountId);
  if (!account || account.deleted_at) throw new MutationOutcome('rejected', 'this portal account does not exist at the hub', { entity: 'portal_account', entityId: req.accountId });
  const state = await ensureState(target.changes, account);
  if (req.purpose === 'activation') await updateState(target.changes, account, { invited_at: target.now, ...(state.status === 'locked' ? {} : { status: state.activated_at ? 'active' : 'invited' }) });
  const { token, hours, expiresAt } = await issueToken(target.trx, { purpose: req.purpose, clinicId: account.clinic_id, subjectId: account.id, now: target.now });
  return { link: linkFor(target.publicUrl, account.clinic_id, req.purpose, token), hours, expiresAt };
}

/**
 * Issues the link and queues the email or SMS that carries it, in the caller's transaction.
 * `key` names the request (from a mutation: `mutationKey(ctx, 'activation')`): the same key again
 * sends nothing and issues no token. Without `channel`/`to`, the clinic's notification channels
 * (portal.notifyChannels / notifyPreference) and the account's email, the patient's email or
 * mobile decide. Throws a `rejected` MutationOutcome when the patient cannot be reached.
 */
export async function sendAccountLink(
  target: LinkTarget,
  req: { key: string; accountId: string; purpose: AccountLinkPurpose; language: Language; channel?: NotificationChannel; to?: string },
): Promise<Enqueued & { hours: number }> {
  const seen = await target.trx.selectFrom('notify_outbox').select('notification_id').where('key', '=', req.key).executeTakeFirst();
  if (seen) return { notificationId: seen.notification_id, created: false, hours: TOKEN_HOURS[req.purpose] };
  const account = await getAccount(target.trx, req.accountId);
  if (!account || account.deleted_at) throw new MutationOutcome('rejected', 'this portal account does not exist at the hub', { entity: 'portal_account', entityId: req.accountId });
  const patient = await getPatient(target.trx, account.patient_id);
  const clinic = await clinicPortal(target.trx, account.clinic_id);
  const email = account.email?.trim() || patient?.email?.trim() || null;
  const mobile = patient?.mobile?.trim() || null;
  const channel = req.channel ?? (req.to ? (req.to.includes('@') ? 'email' : 'sms')
    : pickChannel(clinic?.settings['portal.notifyPreference'] ?? 'email', clinic?.settings['portal.notifyChannels'] ?? ['email'], { hasEmail: !!email, hasMobile: !!mobile }));
  const to = req.to ?? (channel === 'email' ? email : channel === 'sms' ? mobile : null);
  if (!channel || !to) throw new MutationOutcome('rejected', 'no email address or mobile number the clinic sends to is on file for this patient', { entity: 'portal_account', entityId: account.id });
  const { link, hours } = await issueAccountLink(target, { accountId: account.id, purpose: req.purpose });
  const displayName = clinic ? notificationName(clinic) : undefined;
  const queued = await enqueueNotification(target, {
    key: req.key, clinicId: account.clinic_id, patientId: account.patient_id, accountId: account.id,
    kind: req.purpose === 'activation' ? 'activation' : 'passwordReset', channel, to, language: req.language,
    params: { link, hours, ...(displayName ? { displayName } : {}) },
  });
  return { ...queued, hours };
}
