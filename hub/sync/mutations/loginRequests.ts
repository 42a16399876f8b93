import type { Language } from '../../../common/i18n/types';
import { isEntityName, type EntityRow } from '../../../common/sync/entities';
import type { MutationArgs } from '../../../common/sync/mutations';
import { enqueueNotification, mutationKey } from '../../notify/outbox';
import { clinicPortal, notificationName } from '../../patient/clinic';
import { issueToken, linkFor } from '../../patient/tokens';
import { entityDb } from '../changes';
import { createAccount, putAccountRows, sendLink } from './portal';
import { decidedBy } from './requests';
import { MutationOutcome, type MutationContext } from './types';

/**
 * Decisions on a patient's self-registration (issue 7). The request is hub-owned: the first
 * decision that finds it `new` wins, and any later one is a conflict naming who decided and when,
 * with everything it carried rolled back, so two workstations approving at once make one account.
 * The account itself is made by the portal form's own handler (`createAccount`).
 */
type Current = NonNullable<MutationOutcome['detail']['current']>;

/** What the hub holds of every row a refused decision carried (nothing: the local copy is withdrawn). */
async function currentOf(ctx: MutationContext, put: Record<string, EntityRow[]> = {}): Promise<Current> {
  const out: Current = [];
  for (const [entity, rows] of Object.entries(put)) {
    if (!isEntityName(entity)) continue;
    for (const row of rows) {
      const held = await ctx.changes.get(entity, String(row.id));
      out.push({ entity, id: String(row.id), version: Number(held?.version ?? 0), data: held ?? null });
    }
  }
  return out;
}

async function requestOf(ctx: MutationContext, id: string, put?: Record<string, EntityRow[]>): Promise<EntityRow> {
  const row = await ctx.changes.get('login_request', id);
  if (!row || row.clinic_id !== ctx.client.clinicId) {
    throw new MutationOutcome('rejected', 'this login request does not exist at the hub', {
      entity: 'login_request',
      entityId: id,
      current: [{ entity: 'login_request', id, version: 0, data: null }, ...(await currentOf(ctx, put))],
    });
  }
  return row;
}

/** "handled by Dr. Dorte Dahl, Nordklinik at 2026-…", or "handled automatically at …". */
async function alreadyDecided(ctx: MutationContext, row: EntityRow, put?: Record<string, EntityRow[]>): Promise<never> {
  const at = (row.decided_at as string | null) ?? null;
  const by = row.decided_automatically ? null : ((row.decided_by as string | null) ?? 'someone else');
  const what = row.status === 'handled_elsewhere' ? 'handled elsewhere' : String(row.status);
  throw new MutationOutcome('conflict', `already ${what}: handled ${by ? `by ${by}` : 'automatically'} at ${at ?? 'an earlier time'}`, {
    entity: 'login_request',
    entityId: String(row.id),
    handledBy: by ?? 'automatic approval',
    handledAt: at,
    current: [{ entity: 'login_request', id: String(row.id), version: Number(row.version), data: row }, ...(await currentOf(ctx, put))],
  });
}

const languageOf = (row: EntityRow): Language => (row.language === 'en' ? 'en' : 'da');

async function displayNameOf(ctx: MutationContext): Promise<{ displayName?: string }> {
  const clinic = await clinicPortal(ctx.trx, ctx.client.clinicId);
  const name = clinic ? notificationName(clinic) : undefined;
  return name ? { displayName: name } : {};
}

export async function approveLoginRequest(ctx: MutationContext, args: MutationArgs<'loginRequests.approve'>) {
  const row = await requestOf(ctx, args.id, args.put);
  if (row.status !== 'new') {
    // the same automatic decision from a second workstation (ids derived from the request): done already
    if (args.automatic && row.status === 'approved' && row.decided_automatically && row.account_id === args.accountId) return;
    return alreadyDecided(ctx, row, args.put);
  }
  const other = (await entityDb(ctx.trx).selectFrom('e_portal_account').select(['id'])
    .where('patient_id', '=', args.patientId).where('deleted_at', 'is', null).where('id', '<>', args.accountId).executeTakeFirst()) as { id: string } | undefined;
  if (other) {
    throw new MutationOutcome('conflict', 'the patient was given a portal account meanwhile: no second account is made', {
      entity: 'login_request',
      entityId: args.id,
      current: [{ entity: 'login_request', id: args.id, version: Number(row.version), data: row }, ...(await currentOf(ctx, args.put))],
    });
  }
  const language = languageOf(row);
  const existing = await ctx.changes.get('portal_account', args.accountId);
  let applied;
  if (existing && !existing.deleted_at) {
    // linked: the patient's account already had this email; it gains the rights
    applied = await putAccountRows(ctx, args.put);
    if (args.send === 'activation') await sendLink(ctx, args.accountId, 'activation', language);
    if (args.send === 'welcome' && typeof existing.email === 'string' && existing.email) {
      await enqueueNotification(ctx, {
        key: mutationKey(ctx, 'welcome'), clinicId: ctx.client.clinicId, patientId: args.patientId, accountId: args.accountId,
        kind: 'welcome', channel: 'email', to: existing.email, language, params: await displayNameOf(ctx),
      });
    }
  } else {
    applied = await createAccount(ctx, { put: args.put, accountId: args.accountId, patientId: args.patientId, activate: args.activate, send: args.send }, language);
  }
  const decision = {
    status: 'approved', decided_by: args.automatic ? null : await decidedBy(ctx), decided_at: ctx.now, account_id: args.accountId,
    patient_id: args.patientId, decided_automatically: args.automatic ? 1 : 0,
  };
  await ctx.changes.update('login_request', args.id, decision);
  // the same person's other open requests here (registered twice): nothing is left to decide on them
  const twins = (await entityDb(ctx.trx).selectFrom('e_login_request').select(['id', 'email'])
    .where('clinic_id', '=', ctx.client.clinicId).where('status', '=', 'new').where('date_of_birth', '=', row.date_of_birth).where('id', '<>', args.id).execute()) as Array<{ id: string; email: string }>;
  for (const twin of twins) {
    if (twin.email.trim().toLowerCase() === String(row.email).trim().toLowerCase()) await ctx.changes.update('login_request', twin.id, { ...decision, status: 'handled_elsewhere' });
  }
  return applied;
}

/** A reason from the list goes into the email in the patient's language; a typed note only behind a link. */
export async function rejectLoginRequest(ctx: MutationContext, args: MutationArgs<'loginRequests.reject'>) {
  const row = await requestOf(ctx, args.id);
  if (row.status !== 'new') return alreadyDecided(ctx, row);
  await ctx.changes.update('login_request', args.id, {
    status: 'rejected', decided_by: await decidedBy(ctx), decided_at: ctx.now, reject_reason: args.reason, reject_note: args.note, decided_automatically: 0,
  });
  const common = { key: `registration-decision:${args.id}`, clinicId: ctx.client.clinicId, channel: 'email' as const, to: String(row.email), language: languageOf(row) };
  const name = await displayNameOf(ctx);
  if (args.reason === 'other') {
    // the typed note never goes into the email: the link opens the hub's page that shows it
    const { token, hours } = await issueToken(ctx.trx, { purpose: 'registration-note', clinicId: ctx.client.clinicId, subjectId: args.id, now: ctx.now });
    await enqueueNotification(ctx, { ...common, kind: 'registrationNote', params: { ...name, link: linkFor(ctx.publicUrl, ctx.client.clinicId, 'registration-note', token), hours } });
  } else {
    await enqueueNotification(ctx, { ...common, kind: 'registrationRejected', params: { ...name, reason: args.reason } });
  }
}

/** Automatic approval left the request to staff: the first reason given is kept; a decided request is left as it is. */
export async function reviewLoginRequest(ctx: MutationContext, args: MutationArgs<'loginRequests.review'>) {
  const row = await requestOf(ctx, args.id);
  if (row.status !== 'new' || row.manual_reason) return;
  await ctx.changes.update('login_request', args.id, { manual_reason: args.manualReason });
}
