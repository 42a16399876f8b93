import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface LaunchConfig {
  /** Unset means the entry point's default: Electron's userData, or DEFAULT_DATA_DIR. */
  dataDir: string | undefined;
  port: number;
  hubUrl: string | undefined;
  idleLockSeconds: number | undefined;
}

export const DEFAULT_DATA_DIR = join(homedir(), '.portal-desk');

/** Flags win over environment variables, which win over defaults. Documented in the README. */
export function readLaunchConfig(argv: string[], env: NodeJS.ProcessEnv): LaunchConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      hub: { type: 'string' },
      'idle-lock-seconds': { type: 'string' },
    },
    strict: false,
  });
  const str = (flag: unknown, name: string) => (typeof flag === 'string' ? flag : env[name]);
  const num = (v: string | undefined, name: string) => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${v}"`);
    return n;
  };
  return {
    dataDir: str(values['data-dir'], 'PORTAL_DATA_DIR') || undefined,
    port: num(str(values.port, 'PORTAL_PORT'), 'port') ?? 0,
    hubUrl: str(values.hub, 'PORTAL_HUB_URL') || undefined,
    idleLockSeconds: num(str(values['idle-lock-seconds'], 'PORTAL_IDLE_LOCK_SECONDS'), 'idle lock seconds'),
  };
}
