import type { Selectable } from 'kysely';
import type { Language } from '../../common/i18n/types';
import { isNotificationKind, type NotificationStatus } from '../../common/notifications';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import type { NotifyOutboxTable } from '../db/schema';
import { writeAtHub } from '../sync/changes';
import type { Delivery, EmailSender, SmsSender } from './channels';
import { renderNotification } from './templates';

export interface RetryPolicy {
  /** Attempts before a message that keeps failing is given up as `failed`. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 30 s, 1, 2, 4 ... 32 min, then hourly: about five hours before giving up. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempt - 1), policy.maxDelayMs);
}

type OutboxRow = Selectable<NotifyOutboxTable>;

const BATCH = 50;

/**
 * Sends what the outbox holds, after the transactions that queued it committed. Each attempt is
 * counted (and the next one scheduled) BEFORE the message goes out: a hub that dies mid-send tries
 * again only after the backoff, never in a tight loop. That crash window is the one way a patient
 * can get a message twice; the Message-ID / idempotency key (the notification id) lets the mail
 * system or SMS gateway drop the copy. Status changes go to the synced `notification` row.
 */
export class NotifyWorker {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly hub: HubContext,
    private readonly senders: { email: EmailSender; sms: SmsSender },
    private readonly opts: { pollMs: number; retry: RetryPolicy },
  ) {}

  /** One pass over every message that is due now; returns how many were attempted. Safe to call while the timer runs. */
  runOnce(): Promise<number> {
    this.round ??= this.deliverDue().finally(() => (this.round = null));
    return this.round;
  }

  /** Runs passes until nothing is due (messages waiting for a later retry stay queued). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    const tick = async () => {
      try {
        await this.runOnce();
      } catch (err) {
        this.hub.log.error('notify.round_failed', { error: err instanceof Error ? err.message : 'unknown' });
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.opts.pollMs).unref();
    };
    this.timer = setTimeout(() => void tick(), 0).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round?.catch(() => undefined);
  }

  private async deliverDue(): Promise<number> {
    const now = toTimestamp(this.hub.clock.now());
    const due = await this.hub.store.db
      .selectFrom('notify_outbox')
      .selectAll()
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      if (this.stopped) break;
      await this.deliver(row);
    }
    return due.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { retry } = this.opts;
    const attempt = Number(row.attempts) + 1;
    const claimed = await this.hub.store.db
      .updateTable('notify_outbox')
      .set({ attempts: attempt, next_attempt_at: toTimestamp(this.hub.clock.now() + retryDelayMs(attempt, retry)) })
      .where('key', '=', row.key)
      .where('status', '=', 'queued')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;

    const outcome = await this.send(row);
    if (outcome.ok) return this.finish(row, 'sent', null);
    if (outcome.kind === 'bounce') return this.finish(row, 'bounced', outcome.error);
    if (outcome.kind === 'fail' || attempt >= retry.maxAttempts) {
      return this.finish(row, 'failed', outcome.kind === 'fail' ? outcome.error : `${outcome.error}; gave up after ${attempt} attempts`);
    }
    this.hub.log.warn('notify.retry', { notification: row.notification_id, attempt, error: outcome.error });
    await writeAtHub(this.hub, async (changes, trx) => {
      await trx.updateTable('notify_outbox').set({ last_error: outcome.error }).where('key', '=', row.key).execute();
      await changes.update('notification', row.notification_id, { error: `${outcome.error}; trying again (attempt ${attempt} of ${retry.maxAttempts})` });
    });
  }

  private async send(row: OutboxRow): Promise<Delivery> {
    let message;
    try {
      if (!isNotificationKind(row.kind) || !row.recipient) throw new Error(`outbox row of kind ${row.kind} cannot be sent`);
      message = renderNotification(row.kind, row.language as Language, JSON.parse(row.params ?? 'null'), { signInUrl: `${this.hub.publicUrl}/` });
    } catch (err) {
      this.hub.log.error('notify.compose_failed', { notification: row.notification_id, error: err instanceof Error ? err.message : 'unknown' });
      return { ok: false, kind: 'fail', error: 'the hub could not compose this message' };
    }
    try {
      return row.channel === 'email'
        ? await this.senders.email.send({ id: row.notification_id, to: row.recipient, subject: message.subject, text: message.text })
        : await this.senders.sms.send({ id: row.notification_id, to: row.recipient, text: message.sms });
    } catch (err) {
      this.hub.log.error('notify.sender_threw', { notification: row.notification_id, error: err instanceof Error ? err.name : 'unknown' });
      return { ok: false, kind: 'retry', error: `the ${row.channel === 'email' ? 'mail' : 'SMS'} sender failed` };
    }
  }

  /** The end of a message: its content and address are erased; only the status stays. */
  private async finish(row: OutboxRow, status: Exclude<NotificationStatus, 'queued'>, error: string | null): Promise<void> {
    const at = toTimestamp(this.hub.clock.now());
    const fields = { notification: row.notification_id, channel: row.channel, kind: row.kind, ...(error ? { error } : {}) };
    if (status === 'sent') this.hub.log.info('notify.sent', fields);
    else this.hub.log.warn(`notify.${status}`, fields);
    await writeAtHub(this.hub, async (changes, trx) => {
      await trx
        .updateTable('notify_outbox')
        .set({ status, recipient: null, params: null, last_error: error, finished_at: at })
        .where('key', '=', row.key)
        .execute();
      await changes.update('notification', row.notification_id, { status, sent_at: status === 'sent' ? at : null, error });
    });
  }
}
