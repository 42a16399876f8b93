import type { MutationArgs } from '../../../common/sync/mutations';
import type { NotificationChannel } from '../../../common/notifications';
import { enqueueNotification, mutationKey } from '../../notify/outbox';
import { MutationOutcome, type MutationContext } from './types';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * `notifications.send`: staff ask the hub to email or text a patient. Queued in this mutation's
 * transaction under the key (client, mutation id), so however often the push is replayed, one
 * message goes out. Where the mutation leaves them out, channel and address come from the hub's
 * copy of the account and the patient, which the workstation's earlier mutations brought up to date.
 */
export async function sendNotification(ctx: MutationContext, args: MutationArgs<'notifications.send'>) {
  const patient = await ctx.changes.get('patient', args.patientId);
  if (!patient || patient.deleted_at) throw new MutationOutcome('rejected', 'this patient is not known at the hub', { entity: 'patient', entityId: args.patientId });
  if (patient.clinic_id !== ctx.client.clinicId) throw new MutationOutcome('forbidden', 'this patient belongs to another clinic', { entity: 'patient', entityId: args.patientId });
  const account = args.accountId ? await ctx.changes.get('portal_account', args.accountId) : undefined;
  if (args.accountId && (!account || account.clinic_id !== ctx.client.clinicId || account.patient_id !== args.patientId)) {
    throw new MutationOutcome('rejected', "this portal account is not the patient's at this clinic", { entity: 'portal_account', entityId: args.accountId });
  }
  // the old address is the whole point of this one; the hub's copy already has the new one
  if (args.kind === 'emailChanged' && !args.to) throw new MutationOutcome('rejected', 'say which (old) address to tell about the change');

  const email = text(account?.email) ?? text(patient.email);
  const mobile = text(patient.mobile);
  const channel: NotificationChannel | null = args.channel ?? (args.to ? (args.to.includes('@') ? 'email' : 'sms') : email ? 'email' : mobile ? 'sms' : null);
  const to = args.to ?? (channel === 'email' ? email : channel === 'sms' ? mobile : null);
  if (!channel || !to) {
    throw new MutationOutcome('rejected', channel === 'sms' ? 'no mobile number on file for this patient' : 'no email address or mobile number on file for this patient', {
      entity: 'patient',
      entityId: args.patientId,
    });
  }
  const params: Record<string, string> = {};
  if (args.params.displayName !== undefined) params.displayName = args.params.displayName;
  if (args.params.reason !== undefined) params.reason = args.params.reason;
  await enqueueNotification(ctx, {
    key: mutationKey(ctx, 'notify'),
    clinicId: ctx.client.clinicId,
    patientId: args.patientId,
    accountId: args.accountId ?? null,
    kind: args.kind,
    channel,
    to,
    language: args.language,
    params: params as never,
    ...(args.id ? { id: args.id } : {}),
  });
}
