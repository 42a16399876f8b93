import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface HubConfig {
  command: 'serve' | 'enroll' | 'backup' | 'restore' | 'clients';
  rest: string[];
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsUrl: string | undefined;
  /** Env only (PORTAL_HUB_SMS_KEY), never a flag: flags show in the process list. */
  smsKey: string | undefined;
  /** serve: print a code that founds a clinic when no workstation is enrolled yet (the embedded demo hub). */
  bootstrap: boolean;
  /** The embedded demo hub: accepts the demo clinic's made-up patient records. Never for a real clinic. */
  demo: boolean;
  clinic: string | undefined;
  ttlHours: number;
  /** serve: offer the patients a clearly labelled DEMO eID step (simulated MitID). Never on by default. */
  demoEid: boolean;
}

/** Flags win over environment variables, which win over defaults. Documented in the README. */
export function readHubConfig(argv: string[], env: NodeJS.ProcessEnv): HubConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'smtp-url': { type: 'string' },
      'mail-from': { type: 'string' },
      'sms-url': { type: 'string' },
      bootstrap: { type: 'boolean' },
      demo: { type: 'boolean' },
      'demo-eid': { type: 'boolean' },
      clinic: { type: 'string' },
      'ttl-hours': { type: 'string' },
    },
  });
  const [command = 'serve', ...rest] = positionals;
  if (!['serve', 'enroll', 'backup', 'restore', 'clients'].includes(command)) throw new Error(`unknown command "${command}"`);
  const port = Number(values.port ?? env.PORTAL_HUB_PORT ?? 8780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0-65535, got "${values.port ?? env.PORTAL_HUB_PORT}"`);
  return {
    command: command as HubConfig['command'],
    rest,
    dataDir: values['data-dir'] ?? env.PORTAL_HUB_DATA_DIR ?? join(homedir(), '.portal-hub'),
    port,
    host: values.host ?? env.PORTAL_HUB_HOST ?? '127.0.0.1',
    publicUrl: values['public-url'] ?? env.PORTAL_HUB_PUBLIC_URL,
    smtpUrl: values['smtp-url'] ?? env.PORTAL_HUB_SMTP_URL,
    mailFrom: values['mail-from'] ?? env.PORTAL_HUB_MAIL_FROM ?? 'Patient portal <no-reply@portal.invalid>',
    smsUrl: values['sms-url'] ?? env.PORTAL_HUB_SMS_URL,
    smsKey: env.PORTAL_HUB_SMS_KEY,
    bootstrap: values.bootstrap ?? false,
    demo: values.demo ?? false,
    clinic: values.clinic,
    ttlHours: Number(values['ttl-hours'] ?? 24),
    demoEid: values['demo-eid'] ?? false,
  };
}
