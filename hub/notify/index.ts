import { join } from 'node:path';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import type { EmailSender, SmsSender } from './channels';
import { MailDrop } from './drop';
import { smtpSender } from './email';
import { httpSmsGateway, noSmsGateway } from './sms';
import { DEFAULT_RETRY, NotifyWorker, type RetryPolicy } from './worker';

export { enqueueAtHub, enqueueNotification, mutationKey, type Enqueued, type NotificationRequest, type NotifyTarget } from './outbox';

export interface NotifyOptions {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  smsUrl?: string | undefined;
  /** Sent as `x-api-key` to the SMS gateway (env PORTAL_HUB_SMS_KEY). */
  smsKey?: string | undefined;
  /** Another email or SMS provider; wins over smtpUrl / smsUrl. */
  email?: EmailSender;
  sms?: SmsSender;
  /** Start the worker when the hub listens (the default). Tests pass false and call `worker.runOnce()`. */
  autoStart?: boolean;
  /** How often the worker looks for due messages. */
  pollMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface Notifier {
  worker: NotifyWorker;
  /** The demo's mail drop, present exactly when no mail server is configured. */
  drop: MailDrop | null;
  /** Whether `listen()` starts the worker: once the public URL that links point to is known. */
  autoStart: boolean;
  close(): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'Patient portal <no-reply@portal.invalid>';

/**
 * Delivery as configured. No SMTP server (the embedded demo): email and, unless a gateway is
 * configured, SMS go to the mail drop under the data directory. A mail server but no SMS
 * gateway: an SMS fails at once with a reason staff can read.
 */
export function createNotifier(hub: HubContext, dataDir: string, opts: NotifyOptions = {}): Notifier {
  const from = opts.mailFrom ?? DEFAULT_MAIL_FROM;
  const mail = opts.email ?? (opts.smtpUrl ? smtpSender(opts.smtpUrl, from) : null);
  const drop = mail ? null : new MailDrop(join(dataDir, 'mail-drop'), from, () => toTimestamp(hub.clock.now()));
  const email = mail ?? (drop as MailDrop).email;
  const sms = opts.sms ?? (opts.smsUrl ? httpSmsGateway({ url: opts.smsUrl, apiKey: opts.smsKey }) : (drop?.sms ?? noSmsGateway));
  const worker = new NotifyWorker(hub, { email, sms }, { pollMs: opts.pollMs ?? 1000, retry: { ...DEFAULT_RETRY, ...opts.retry } });
  return {
    worker,
    drop,
    autoStart: opts.autoStart !== false,
    async close() {
      await worker.stop();
      email.close?.();
      sms.close?.();
    },
  };
}
