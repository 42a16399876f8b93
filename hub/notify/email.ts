import { createTransport } from 'nodemailer';
import type { Delivery, EmailSender, OutgoingEmail } from './channels';

/** The domain of the From address, for Message-IDs the receiving side can trust to be ours. */
function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'portal-hub.invalid';
}

/** What nodemailer sends: plain text only, marked as automatic so vacation replies stay away. */
export function composeEmail(m: OutgoingEmail, from: string) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: `<${m.id}@${domainOf(from)}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * A permanent (5xx) reply is a bounce; anything else may pass later. Failing to sign in to the
 * server is the hub's configuration, not the patient's address, so it is retried like an outage.
 * The server's reply text is not kept: it often repeats the address.
 */
export function classifySmtpError(err: unknown): Delivery {
  const e = err as { responseCode?: unknown; code?: unknown };
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (e.code === 'EAUTH') return { ok: false, kind: 'retry', error: `the mail server refused the hub's sign-in${reply ? ` (${reply})` : ''}` };
  if (reply !== null && reply >= 500 && reply < 600) return { ok: false, kind: 'bounce', error: `refused by the mail server (${reply})` };
  if (reply !== null) return { ok: false, kind: 'retry', error: `the mail server deferred the message (${reply})` };
  return { ok: false, kind: 'retry', error: 'the mail server could not be reached' };
}

/** Email over SMTP (`smtp://` with STARTTLS when offered, or `smtps://`), one connection per message. */
export function smtpSender(url: string, from: string): EmailSender {
  const transport = createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(m) {
      try {
        await transport.sendMail(composeEmail(m, from));
        return { ok: true };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    close: () => transport.close(),
  };
}
