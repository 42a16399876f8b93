import type { EntityRow } from '../../../common/sync/entities';
import type { MutationArgs } from '../../../common/sync/mutations';
import { enqueueNotification, mutationKey, PATIENT_LANGUAGE } from '../../notify/outbox';
import { patientAudit } from '../../patient/audit';
import { clinicSetting } from '../../settings';
import { putRows } from './rows';
import { MutationOutcome, type MutationContext } from './types';

/**
 * Issued keys (issue 4). The clinic owns the key rows; the hub keeps them and answers redemptions
 * from them (hub/patient). Disabling always wins; enabling or extending from a stale version is a
 * conflict (another workstation changed the key since), unless this workstation wrote it last.
 */
async function assertCurrent(ctx: MutationContext, rows: EntityRow[]): Promise<void> {
  for (const row of rows) {
    const existing = await ctx.changes.get('issued_key', String(row.id));
    if (!existing || Number(existing.version) <= Number(row.version ?? 0)) continue;
    const writer = await ctx.changes.lastWriter('issued_key', String(row.id));
    if (writer && writer.clientId === ctx.client.clientId) continue;
    throw new MutationOutcome('conflict', 'the key was changed at another workstation since it was shown', {
      entity: 'issued_key',
      entityId: String(row.id),
      handledBy: writer?.staffName ?? null,
      handledAt: writer?.at ?? null,
      current: [{ entity: 'issued_key', id: String(row.id), version: Number(existing.version), data: existing }],
    });
  }
}

/** "Your results are ready": to the account's email, else the patient's email, else by SMS; not before `at`. */
async function notifyReady(ctx: MutationContext, patientId: string, accountId: string | null, at: string, purpose: string): Promise<void> {
  const patient = await ctx.changes.get('patient', patientId);
  const account = accountId ? await ctx.changes.get('portal_account', accountId) : undefined;
  const email = (account?.email as string | null) || (patient?.email as string | null) || null;
  const mobile = (patient?.mobile as string | null) || null;
  if (!email && !mobile) return; // nobody to tell; the key works all the same
  await enqueueNotification(ctx, {
    key: mutationKey(ctx, purpose),
    clinicId: ctx.client.clinicId,
    patientId,
    accountId,
    kind: 'resultsReady',
    channel: email ? 'email' : 'sms',
    to: email ?? (mobile as string),
    language: PATIENT_LANGUAGE,
    params: { displayName: await clinicSetting(ctx.trx, ctx.client.clinicId, 'portal.displayName') },
    notBefore: at,
  });
}

export async function issueKey(ctx: MutationContext, args: MutationArgs<'keys.issue'>) {
  const applied = await putRows(ctx, { put: args.put });
  const key = args.put.issued_key[0] as EntityRow;
  if (args.notify) await notifyReady(ctx, String(key.patient_id), (key.account_id as string | null) ?? null, args.notify.at, 'resultsReady');
  return applied;
}

export async function disableKeys(ctx: MutationContext, args: MutationArgs<'keys.disable'>) {
  return putRows(ctx, { put: args.put });
}

export async function enableKeys(ctx: MutationContext, args: MutationArgs<'keys.enable'>) {
  await assertCurrent(ctx, args.put.issued_key);
  return putRows(ctx, { put: args.put });
}

export async function extendKeys(ctx: MutationContext, args: MutationArgs<'keys.extend'>) {
  await assertCurrent(ctx, args.put.issued_key);
  return putRows(ctx, { put: args.put });
}

export async function studyReady(ctx: MutationContext, args: MutationArgs<'keys.studyReady'>) {
  const applied = await putRows(ctx, { put: args.put });
  if (args.notify) {
    for (const keyId of args.notify.keyIds) {
      const key = await ctx.changes.get('issued_key', keyId);
      if (key && !key.disabled_at && !key.deleted_at) {
        await notifyReady(ctx, String(key.patient_id), (key.account_id as string | null) ?? null, args.notify.at, `newStudy:${keyId}`);
      }
    }
  }
  return applied;
}

/**
 * `keys.unlock`: staff lift the lock a patient's 5 wrong dates of birth put on a key. A command on
 * the hub-owned usage row: only the version staff saw may be unlocked, so of two workstations
 * unlocking the same lock the first wins and the second learns who did it. Audited with the
 * lock's other events in the hub's patient audit.
 */
export async function unlockKey(ctx: MutationContext, args: MutationArgs<'keys.unlock'>) {
  const usage = await ctx.changes.get('issued_key_usage', args.usageId);
  if (!usage || usage.clinic_id !== ctx.client.clinicId || usage.key_id !== args.keyId) {
    throw new MutationOutcome('rejected', 'the hub has no use of this key to unlock', {
      entity: 'issued_key_usage',
      entityId: args.usageId,
      current: [{ entity: 'issued_key_usage', id: args.usageId, version: 0, data: null }],
    });
  }
  if (Number(usage.version) !== args.baseVersion || !usage.locked_at) {
    const writer = await ctx.changes.lastWriter('issued_key_usage', args.usageId);
    throw new MutationOutcome('conflict', usage.locked_at ? 'the key was locked again since it was shown' : 'the key is no longer locked', {
      entity: 'issued_key_usage',
      entityId: args.usageId,
      handledBy: writer?.staffName ?? null,
      handledAt: writer?.at ?? null,
      current: [{ entity: 'issued_key_usage', id: args.usageId, version: Number(usage.version), data: usage }],
    });
  }
  await ctx.changes.update('issued_key_usage', args.usageId, { misses: 0, locked_at: null });
  const key = await ctx.changes.get('issued_key', args.keyId);
  await patientAudit(ctx.trx, ctx.now, {
    clinicId: ctx.client.clinicId,
    accountId: (key?.account_id as string | null) ?? null,
    patientId: (key?.patient_id as string | null) ?? null,
    actor: `workstation:${ctx.client.clientId}`,
    action: 'access.unlock',
    entityId: args.keyId,
    detail: { misses: Number(usage.misses), staff: ctx.mutation.staffName },
  });
}
