import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPortalApp } from '../app';
import { DEFAULT_DATA_DIR, readLaunchConfig } from '../config';
import { SCRYPT_DEFAULT } from '../passwords';
import { startEmbeddedHub } from '../sync/embedded';
import { startHost } from './server';

declare const __APP_VERSION__: string;

/** `npm run start:web`: the whole app in a browser, served on 127.0.0.1. */
async function main(): Promise<void> {
  const launch = readLaunchConfig(process.argv.slice(2), process.env);
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = launch.dataDir ?? DEFAULT_DATA_DIR;
  // without a hub of its own, the app brings one: the demo clinic can then be tried from both sides
  const embedded = launch.hubUrl
    ? null
    : await startEmbeddedHub({ hubEntry: join(here, '..', 'hub', 'cli.mjs'), dataDir: join(dataDir, 'hub'), extraArgs: launch.demoEid ? ['--demo-eid'] : [] });
  const portal = createPortalApp({
    dataDir,
    ...(embedded ? { embeddedHub: { url: embedded.url, bootstrapCode: embedded.bootstrapCode } } : {}),
    appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
    scrypt: SCRYPT_DEFAULT,
    ...(launch.idleLockSeconds !== undefined ? { idleLockSeconds: launch.idleLockSeconds } : {}),
  });
  const host = await startHost(portal, { port: launch.port, rendererDir: join(here, '..', 'renderer') });
  process.stdout.write(`Portal Desk is running in your browser at:\n  ${host.url}\ndata: ${dataDir}\n`);
  if (embedded) process.stdout.write(`Embedded portal hub (patients' pages): ${embedded.url}\n`);
  const stop = () => {
    void host.close().then(async () => {
      portal.close();
      await embedded?.stop();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Portal Desk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
