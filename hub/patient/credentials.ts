import type { Kysely } from 'kysely';
import { DAY_MS, toTimestamp } from '../../common/time';
import type { HubDB } from '../db/schema';
import type { Trx } from '../sync/changes';
import { MutationOutcome } from '../sync/mutations/types';
import { ensureState, getAccount, updateState, type PortalAccount } from './accounts';
import { clinicPortal } from './clinic';
import { isPasswordHash } from './passwords';
import { endAccountSessions } from './sessions';
import type { LinkTarget } from './tokens';

/**
 * Patients' passwords (hub-only `patient_credential`): a scrypt hash per account, and whether it
 * is a temporary one set by staff, which must be changed at the first sign-in and expires unused.
 */
export interface Credential {
  account_id: string;
  password_hash: string;
  must_change: number;
  temp_expires_at: string | null;
}

export async function getCredential(db: Kysely<HubDB> | Trx, accountId: string): Promise<Credential | undefined> {
  return db.selectFrom('patient_credential').select(['account_id', 'password_hash', 'must_change', 'temp_expires_at']).where('account_id', '=', accountId).executeTakeFirst();
}

/** The patient chose a password (activation, reset, forced change): it replaces any temporary one. */
export async function storeOwnPassword(trx: Trx, account: Pick<PortalAccount, 'id' | 'clinic_id'>, hash: string, now: string): Promise<void> {
  await trx.insertInto('patient_credential')
    .values({ account_id: account.id, clinic_id: account.clinic_id, password_hash: hash, must_change: 0, temp_expires_at: null, updated_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ password_hash: hash, must_change: 0, temp_expires_at: null, updated_at: now }))
    .execute();
}

/**
 * THE API for staff-set temporary passwords (issue 5): the workstation hashes the password
 * (scrypt, `scrypt$N$r$p$salt$hash`, never the clear text in a mutation) and the hub stores the
 * hash, to be changed at the first sign-in. It expires at `expiresAt`, by default after the
 * clinic's portal.tempPasswordDays. Every session of the account ends.
 */
export async function setTemporaryPassword(target: Pick<LinkTarget, 'trx' | 'changes' | 'now'>, req: { accountId: string; passwordHash: string; expiresAt?: string }): Promise<{ expiresAt: string }> {
  if (!isPasswordHash(req.passwordHash)) throw new MutationOutcome('rejected', 'the temporary password must arrive as a scrypt hash', { entity: 'portal_account', entityId: req.accountId });
  const account = await getAccount(target.trx, req.accountId);
  if (!account || account.deleted_at) throw new MutationOutcome('rejected', 'this portal account does not exist at the hub', { entity: 'portal_account', entityId: req.accountId });
  const clinic = await clinicPortal(target.trx, account.clinic_id);
  const days = clinic?.settings['portal.tempPasswordDays'] ?? 14;
  const expiresAt = req.expiresAt ?? toTimestamp(Date.parse(target.now) + days * DAY_MS);
  const values = { password_hash: req.passwordHash, must_change: 1, temp_expires_at: expiresAt, updated_at: target.now };
  await target.trx.insertInto('patient_credential').values({ account_id: account.id, clinic_id: account.clinic_id, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values)).execute();
  await endAccountSessions(target.trx, account.id, 'temporaryPassword', target.now);
  await ensureState(target.changes, account);
  return { expiresAt };
}

/** THE API for staff's Unlock (issue 5): the count of wrong passwords starts again; the account is as it was before the lock. */
export async function unlockAccount(target: Pick<LinkTarget, 'trx' | 'changes' | 'now'>, req: { accountId: string }): Promise<void> {
  const account = await getAccount(target.trx, req.accountId);
  if (!account) throw new MutationOutcome('rejected', 'this portal account does not exist at the hub', { entity: 'portal_account', entityId: req.accountId });
  const state = await ensureState(target.changes, account);
  await updateState(target.changes, account, { status: state.activated_at ? 'active' : 'invited', failed_attempts: 0, locked_at: null });
}
