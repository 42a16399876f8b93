import { newId } from '../../common/ids';
import type { Language } from '../../common/i18n/types';
import { EMAIL_ADDRESS, MOBILE_NUMBER, NOTIFICATION_PARAMS, type NotificationChannel, type NotificationKind, type NotificationParams } from '../../common/notifications';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { writeAtHub, type ChangeWriter, type Trx } from '../sync/changes';
import { MutationOutcome, type MutationContext } from '../sync/mutations/types';
import { maskRecipient, normalizeMobile } from './mask';

export interface NotificationRequest<K extends NotificationKind = NotificationKind> {
  /**
   * What asked for this message, unique forever: a second request with the same key is the same
   * request (a replayed push) and sends nothing. From a mutation: `mutationKey(ctx, purpose)`;
   * from a hub event: something that names the event, e.g. `otp:<challenge id>`.
   */
  key: string;
  clinicId: string;
  patientId?: string | null;
  accountId?: string | null;
  kind: K;
  channel: NotificationChannel;
  /** An email address or a mobile number, per channel. Kept only until the message has gone. */
  to: string;
  language: Language;
  params: NotificationParams<K>;
  /** The synced notification row's id; one is made when absent. */
  id?: string;
  /** Not sent before this time (results with an access delay: "ready at ..."). */
  notBefore?: string | null;
}

/** A transaction with its change writer: a MutationContext is one; so is what writeAtHub hands over. */
export interface NotifyTarget {
  trx: Trx;
  changes: ChangeWriter;
  now: string;
}

export interface Enqueued {
  notificationId: string;
  /** false when the key had been enqueued before: nothing new was written. */
  created: boolean;
}

/** The outbox key of a message a mutation asked for: (client, mutation id) names the request (SYNC.md rule 5). */
export function mutationKey(ctx: Pick<MutationContext, 'client' | 'mutation'>, purpose: string): string {
  return `${ctx.client.clientId}:${ctx.mutation.id}:${purpose}`;
}

/** A patient's language is not known for staff-made accounts and keys; the portal speaks Danish first. */
export const PATIENT_LANGUAGE = 'da';

const refuse = (message: string) => new MutationOutcome('rejected', message, { entity: 'notification' });

/**
 * Queues an email or SMS inside the caller's transaction, with the synced `notification` row
 * (status `queued`, address masked) that shows it on the clinic's workstations. Nothing is sent
 * here: the delivery worker sends after the transaction commits, so a rolled-back mutation sends
 * nothing and a committed one is sent even if the hub restarts first. Throws a `rejected`
 * MutationOutcome for an address or params that can never be sent.
 */
export async function enqueueNotification<K extends NotificationKind>(target: NotifyTarget, req: NotificationRequest<K>): Promise<Enqueued> {
  const { trx, changes, now } = target;
  const seen = await trx.selectFrom('notify_outbox').select('notification_id').where('key', '=', req.key).executeTakeFirst();
  if (seen) return { notificationId: seen.notification_id, created: false };

  const params = NOTIFICATION_PARAMS[req.kind].safeParse(req.params);
  if (!params.success) throw refuse(`the ${req.kind} message cannot be sent with these details: ${params.error.issues[0]?.message ?? 'invalid'}`);
  let to: string;
  if (req.channel === 'email') {
    const address = EMAIL_ADDRESS.safeParse(req.to.trim());
    if (!address.success) throw refuse('the email address is not valid');
    to = address.data;
  } else {
    if (!MOBILE_NUMBER.safeParse(req.to).success) throw refuse('the mobile number is not valid');
    to = normalizeMobile(req.to);
  }
  const id = req.id ?? newId();
  if (await changes.get('notification', id)) throw refuse('a notification with this id exists already');

  await changes.put('notification', {
    id,
    clinic_id: req.clinicId,
    version: 0,
    deleted_at: null,
    patient_id: req.patientId ?? null,
    account_id: req.accountId ?? null,
    kind: req.kind,
    channel: req.channel,
    status: 'queued',
    recipient_masked: maskRecipient(req.channel, to),
    created_at: now,
    sent_at: null,
    error: null,
  });
  await trx
    .insertInto('notify_outbox')
    .values({
      key: req.key,
      notification_id: id,
      clinic_id: req.clinicId,
      kind: req.kind,
      channel: req.channel,
      language: req.language,
      recipient: to,
      params: JSON.stringify(params.data),
      status: 'queued',
      attempts: 0,
      next_attempt_at: req.notBefore && req.notBefore > now ? req.notBefore : now,
      last_error: null,
      created_at: now,
      finished_at: null,
    })
    .execute();
  return { notificationId: id, created: true };
}

/** For hub code with nothing else to write (a patient asked for a one-time code): its own transaction. */
export function enqueueAtHub<K extends NotificationKind>(hub: HubContext, req: NotificationRequest<K>): Promise<Enqueued> {
  const now = toTimestamp(hub.clock.now());
  return writeAtHub(hub, (changes, trx) => enqueueNotification({ trx, changes, now }, req));
}
