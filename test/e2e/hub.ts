import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const HUB_CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'hub', 'cli.mjs');

/** A port nothing listens on now, so the hub can come back on the same one after a stop. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface HubProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The real hub (`node dist/hub/cli.mjs serve`) as its own process, as a clinic's IT would run it. */
export async function startHubProcess(dataDir: string, port: number): Promise<HubProcess> {
  const child = spawn(process.execPath, [HUB_CLI, 'serve', '--data-dir', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the hub did not start: ${out}${stderr}`)), 20_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening at (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the hub exited (${code}): ${stderr}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `hub enroll`: a one-time code that founds a clinic, or joins `clinicId`. */
export async function enrollmentCode(dataDir: string, clinicId?: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [HUB_CLI, 'enroll', '--data-dir', dataDir, ...(clinicId ? ['--clinic', clinicId] : [])]);
  const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\s*$/.exec(stdout)?.[1];
  if (!code) throw new Error(`no code in: ${stdout}`);
  return code;
}
