import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** The embedded hub's address, as the host prints it ("Embedded portal hub (patients' pages): …"). */
  embeddedHubUrl(): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Starts the built browser host (dist/host/cli.mjs, as `npm run start:web` does) on a fresh
 * data directory and waits for the URL it prints. `npm run test:e2e` builds dist first.
 */
export async function startHost(opts: { dataDir?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<HostProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist/host/cli.mjs'), '--data-dir', dataDir, ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let out = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}${stderr}`)), 20_000);
    child.stdout?.on('data', () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    child,
    embeddedHubUrl: async () => {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const m = /Embedded portal hub \(patients' pages\): (\S+)/.exec(out);
        if (m?.[1]) return m[1];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the host printed no embedded hub address: ${out}`);
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
