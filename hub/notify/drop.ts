import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { EmailSender, SmsSender } from './channels';
import { composeEmail } from './email';

export interface DroppedMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  at: string;
}

const ID = /^[0-9a-f-]{36}$/;

/**
 * The demo's stand-in for a mail server and an SMS gateway: every message becomes a file in
 * `<data dir>/mail-drop/` (`<id>.eml` for a mail program, `<id>.json` for the /dev/mail page).
 * A message written twice (a resend after a crash) is still one file.
 */
export class MailDrop {
  constructor(
    readonly dir: string,
    private readonly from: string,
    private readonly now: () => string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private write(name: string, content: string | Buffer): void {
    const tmp = join(this.dir, `.${name}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, join(this.dir, name));
  }

  private record(m: DroppedMessage): void {
    this.write(`${m.id}.json`, JSON.stringify(m, null, 2));
  }

  readonly email: EmailSender = {
    send: async (m) => {
      const eml = await createTransport({ streamTransport: true, buffer: true }).sendMail(composeEmail(m, this.from));
      this.write(`${m.id}.eml`, eml.message as Buffer);
      this.record({ id: m.id, channel: 'email', to: m.to, subject: m.subject, text: m.text, at: this.now() });
      return { ok: true };
    },
  };

  readonly sms: SmsSender = {
    send: async (m) => {
      this.record({ id: m.id, channel: 'sms', to: m.to, subject: null, text: m.text, at: this.now() });
      return { ok: true };
    },
  };

  /** Newest first. */
  list(): DroppedMessage[] {
    const out: DroppedMessage[] = [];
    for (const f of readdirSync(this.dir)) {
      const m = f.endsWith('.json') ? this.read(f.slice(0, -5)) : null;
      if (m) out.push(m);
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id.localeCompare(a.id)));
  }

  read(id: string): DroppedMessage | null {
    if (!ID.test(id)) return null;
    try {
      return JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as DroppedMessage;
    } catch {
      return null;
    }
  }
}
