import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface LaunchConfig {
  /** Unset means the entry point's default: Electron's userData, or DEFAULT_DATA_DIR. */
  dataDir: string | undefined;
  port: number;
  hubUrl: string | undefined;
  idleLockSeconds: number | undefined;
  /**
   * The embedded demo hub offers patients a clearly labelled DEMO eID (simulated MitID) at
   * self-registration. On by default for the embedded hub, which exists only for trying the
   * product on one machine; `--no-demo-eid` or PORTAL_DEMO_EID=0 turns it off. A hub of its own
   * (`--hub`) decides for itself (`npm run hub -- serve --demo-eid`).
   */
  demoEid: boolean;
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
      'demo-eid': { type: 'boolean' },
      'no-demo-eid': { type: 'boolean' },
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
    demoEid: values['no-demo-eid'] === true ? false : values['demo-eid'] === true ? true : env.PORTAL_DEMO_EID !== '0',
  };
}
