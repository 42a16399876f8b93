import type { Language } from '../../../common/i18n/types';
import type { EntityRow } from '../../../common/sync/entities';
import type { MutationArgs } from '../../../common/sync/mutations';
import { clinicSetting } from '../../settings';
import { entityDb } from '../changes';
import { enqueueNotification, mutationKey, PATIENT_LANGUAGE } from '../../notify/outbox';
import { setTemporaryPassword } from '../../patient/credentials';
import { endAccountSessions } from '../../patient/sessions';
import { sendAccountLink } from '../../patient/tokens';
import { putRows } from './rows';
import { MutationOutcome, type MutationContext } from './types';

/**
 * Portal accounts made and changed by front-desk staff (issue 5). The clinic owns the account
 * rows, which arrive whole; the hub owns the account's state (invited / active / locked), which
 * it keeps here, one state row per account with the account's id. Activation and reset links
 * are made and sent by hub/patient (sendAccountLink), once per mutation however often it is pushed.
 */
async function account(ctx: MutationContext, id: string): Promise<EntityRow> {
  const row = await ctx.changes.get('portal_account', id);
  if (!row || row.clinic_id !== ctx.client.clinicId) throw new MutationOutcome('rejected', 'this portal account is not known at the hub', { entity: 'portal_account', entityId: id });
  return row;
}

async function assertUsernameFree(ctx: MutationContext, put: Record<string, EntityRow[]>): Promise<void> {
  for (const row of put.portal_account ?? []) {
    if (!row.username || row.deleted_at) continue;
    const other = (await entityDb(ctx.trx).selectFrom('e_portal_account').select(['id'])
      .where('username', '=', row.username).where('id', '<>', row.id).where('deleted_at', 'is', null).executeTakeFirst()) as { id: string } | undefined;
    if (other) {
      throw new MutationOutcome('conflict', 'this username is taken at the portal (perhaps by a patient of another clinic)', {
        entity: 'portal_account',
        entityId: String(row.id),
        current: [{ entity: 'portal_account', id: String(row.id), version: Number((await ctx.changes.get('portal_account', String(row.id)))?.version ?? 0), data: (await ctx.changes.get('portal_account', String(row.id))) ?? null }],
      });
    }
  }
}

export async function putAccountRows(ctx: MutationContext, put: Record<string, EntityRow[]>) {
  await assertUsernameFree(ctx, put);
  return putRows(ctx, { put });
}

/** The account's state row (one per account; its id is the account's when the hub made it). */
export async function stateOf(ctx: MutationContext, accountId: string): Promise<EntityRow | undefined> {
  return (await entityDb(ctx.trx).selectFrom('e_portal_account_state').selectAll().where('account_id', '=', accountId).executeTakeFirst()) as EntityRow | undefined;
}

async function writeState(ctx: MutationContext, accountId: string, patch: Record<string, unknown>): Promise<void> {
  const existing = await stateOf(ctx, accountId);
  await ctx.changes.put('portal_account_state', {
    id: existing?.id ?? accountId, clinic_id: ctx.client.clinicId, account_id: accountId, status: 'invited', invited_at: null, activated_at: null,
    last_sign_in_at: null, failed_attempts: 0, locked_at: null, deleted_at: null, ...existing, ...patch,
  });
}

/** The link that lets the patient choose a password: activation (or "set your password" when active at once), or reset. */
export async function sendLink(ctx: MutationContext, accountId: string, purpose: 'activation' | 'reset', language: Language = PATIENT_LANGUAGE) {
  await sendAccountLink(ctx, { key: mutationKey(ctx, purpose), accountId, purpose, language });
}

/**
 * THE hub side of making an account: the portal form's `portal.create`, and an approved login
 * request (which passes the language the patient registered in).
 */
export async function createAccount(ctx: MutationContext, args: MutationArgs<'portal.create'>, language: Language = PATIENT_LANGUAGE) {
  const applied = await putAccountRows(ctx, args.put);
  await account(ctx, args.accountId);
  await writeState(ctx, args.accountId, args.activate
    ? { status: 'active', activated_at: ctx.now, deleted_at: null, failed_attempts: 0, locked_at: null }
    : { status: 'invited', invited_at: args.send === 'none' ? null : ctx.now, activated_at: null, deleted_at: null });
  // an account active at once still has no password: the same link lets the patient choose one
  if (args.send !== 'none') await sendLink(ctx, args.accountId, 'activation', language);
  return applied;
}

export async function updateAccount(ctx: MutationContext, args: MutationArgs<'portal.update'>) {
  const applied = await putAccountRows(ctx, args.put);
  await account(ctx, args.accountId);
  return applied;
}

export async function setAccess(ctx: MutationContext, args: MutationArgs<'portal.setAccess'>) {
  const applied = await putAccountRows(ctx, args.put);
  if (!args.enabled) await endAccountSessions(ctx.trx, args.accountId, 'accessDisabled', ctx.now);
  return applied;
}

export async function sendActivation(ctx: MutationContext, args: MutationArgs<'portal.sendActivation'>) {
  const applied = await putAccountRows(ctx, args.put);
  await account(ctx, args.accountId);
  await sendLink(ctx, args.accountId, 'activation');
  return applied;
}

export async function sendReset(ctx: MutationContext, args: MutationArgs<'portal.sendReset'>) {
  const applied = await putAccountRows(ctx, args.put);
  await account(ctx, args.accountId);
  await sendLink(ctx, args.accountId, 'reset');
  return applied;
}

/** A command on the hub-owned state: only the version staff saw may be unlocked. */
export async function unlockAccount(ctx: MutationContext, args: MutationArgs<'portal.unlock'>) {
  const state = await ctx.changes.get('portal_account_state', args.stateId);
  if (!state || state.clinic_id !== ctx.client.clinicId) {
    throw new MutationOutcome('rejected', 'this account has no state at the hub', { entity: 'portal_account_state', entityId: args.stateId });
  }
  if (Number(state.version) !== args.baseVersion || state.status !== 'locked') {
    throw new MutationOutcome('conflict', state.status === 'locked' ? 'the account changed since it was shown' : 'the account is no longer locked', {
      entity: 'portal_account_state',
      entityId: args.stateId,
      current: [{ entity: 'portal_account_state', id: args.stateId, version: Number(state.version), data: state }],
    });
  }
  const applied = await putAccountRows(ctx, args.put);
  await ctx.changes.update('portal_account_state', args.stateId, { status: state.activated_at ? 'active' : 'invited', failed_attempts: 0, locked_at: null });
  return applied;
}

export async function deleteAccount(ctx: MutationContext, args: MutationArgs<'portal.delete'>) {
  const applied = await putAccountRows(ctx, args.put);
  const state = await stateOf(ctx, args.accountId);
  if (state && !state.deleted_at) await ctx.changes.update('portal_account_state', String(state.id), { deleted_at: ctx.now });
  await endAccountSessions(ctx.trx, args.accountId, 'associationDeleted', ctx.now);
  return applied;
}

/** Seed 001's guarded change: the old address is told (no health information in it). */
export async function changeEmail(ctx: MutationContext, args: MutationArgs<'portal.changeEmail'>) {
  const applied = await putAccountRows(ctx, args.put);
  const acc = await account(ctx, args.accountId);
  if (args.notifyOld) {
    await enqueueNotification(ctx, {
      key: mutationKey(ctx, 'emailChanged'),
      clinicId: ctx.client.clinicId,
      patientId: String(acc.patient_id),
      accountId: args.accountId,
      kind: 'emailChanged',
      channel: 'email',
      to: args.notifyOld,
      language: PATIENT_LANGUAGE,
      params: { displayName: await clinicSetting(ctx.trx, ctx.client.clinicId, 'portal.displayName') },
    });
  }
  await sendLink(ctx, args.accountId, 'activation');
  return applied;
}

export async function setTempPassword(ctx: MutationContext, args: MutationArgs<'portal.setTempPassword'>) {
  const applied = await putAccountRows(ctx, args.put);
  const acc = await account(ctx, args.accountId);
  if (typeof acc.temp_password_hash !== 'string') throw new MutationOutcome('rejected', 'the account carries no temporary password', { entity: 'portal_account', entityId: args.accountId });
  await setTemporaryPassword(ctx, { accountId: args.accountId, passwordHash: acc.temp_password_hash, expiresAt: args.expiresAt });
  return applied;
}
