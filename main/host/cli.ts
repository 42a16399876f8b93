import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATA_DIR, readLaunchConfig } from '../config';
import { launchPortal } from '../launch';
import { startHost } from './server';

declare const __APP_VERSION__: string;

/** `npm run start:web`: the whole app in a browser, served on 127.0.0.1. */
async function main(): Promise<void> {
  const launch = readLaunchConfig(process.argv.slice(2), process.env);
  const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dataDir = launch.dataDir ?? DEFAULT_DATA_DIR;
  const { portal, embedded, stop } = await launchPortal(launch, {
    dataDir,
    distDir,
    appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
  });
  const host = await startHost(portal, { port: launch.port, rendererDir: join(distDir, 'renderer') });
  process.stdout.write(`Portal Desk is running in your browser at:\n  ${host.url}\ndata: ${dataDir}\n`);
  if (embedded) process.stdout.write(`Embedded portal hub (patients' pages): ${embedded.url}\n`);
  const shutdown = () => void host.close().then(stop).then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`Portal Desk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
