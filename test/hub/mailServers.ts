import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback: it takes mail as a mail server would, can refuse a recipient
 * with 550 (a bounce), and can be stopped and started again on the same port (an outage).
 */
export class LoopbackSmtp {
  readonly received: Array<{ rcpt: string[]; raw: Buffer }> = [];
  /** Recipients refused at RCPT TO with "550 mailbox unavailable". */
  readonly refuse = new Set<string>();
  private server: SMTPServer | null = null;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        if (this.refuse.has(address.address)) return cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  async messages(): Promise<Email[]> {
    return Promise.all(this.received.map((m) => PostalMime.parse(m.raw)));
  }
}

export interface GatewayRequest {
  headers: Record<string, string | string[] | undefined>;
  body: { to: string; text: string; reference: string };
  answered: number;
}

/** An SMS gateway on loopback speaking hub/notify/sms.ts's protocol; answers from a queue of statuses (200 when empty). */
export class LoopbackSmsGateway {
  readonly requests: GatewayRequest[] = [];
  readonly answers: number[] = [];
  private server: Server | null = null;
  url = '';

  get accepted(): GatewayRequest[] {
    return this.requests.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        const answered = this.answers.shift() ?? 200;
        this.requests.push({ headers: req.headers, body: JSON.parse(data) as GatewayRequest['body'], answered });
        res.writeHead(answered, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: answered < 300 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
