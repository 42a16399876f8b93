import { spawn, type ChildProcess } from 'node:child_process';

export interface EmbeddedHub {
  url: string;
  /** Present only while no workstation is enrolled yet. */
  bootstrapCode: string | null;
  stop(): Promise<void>;
}

/**
 * The demo's own hub, as a child process running the real hub (dist/hub/cli.mjs), so that one
 * machine plays both the staff side and the patient side. Under Electron the child runs on
 * Electron's embedded Node (ELECTRON_RUN_AS_NODE).
 */
export async function startEmbeddedHub(opts: { hubEntry: string; dataDir: string; extraArgs?: string[] }): Promise<EmbeddedHub> {
  const child: ChildProcess = spawn(
    process.execPath,
    [opts.hubEntry, 'serve', '--data-dir', opts.dataDir, '--port', '0', '--bootstrap', '--demo', ...(opts.extraArgs ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const started = await new Promise<{ url: string; bootstrapCode: string | null }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the embedded hub did not start: ${stderr}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /listening at (\S+)/.exec(out)?.[1];
      // the hub (started with --bootstrap) prints a code, or says none is needed, on a line after the URL;
      // it may come in a later chunk on a busy machine, so wait for that line rather than a moment
      const bootstrap = /^(?:Bootstrap code: (\S+)|No bootstrap code\b[^\n]*)\r?\n/m.exec(out);
      if (url && bootstrap) {
        clearTimeout(timer);
        resolve({ url, bootstrapCode: bootstrap[1] ?? null });
      }
    });
    child.on('exit', (code) => reject(new Error(`the embedded hub exited (${code}): ${stderr}`)));
  });
  return {
    ...started,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
