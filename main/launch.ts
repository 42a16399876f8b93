import { join } from 'node:path';
import { createPortalApp, type PortalApp } from './app';
import type { LaunchConfig } from './config';
import { SCRYPT_DEFAULT } from './passwords';
import { startEmbeddedHub, type EmbeddedHub } from './sync/embedded';

export interface Launched {
  portal: PortalApp;
  embedded: EmbeddedHub | null;
  stop(): Promise<void>;
}

/**
 * What the desktop window and the browser host both start: the app on its data directory and,
 * without a hub of its own (--hub), an embedded hub so that the demo clinic can be tried from both
 * sides on one machine.
 */
export async function launchPortal(launch: LaunchConfig, opts: { dataDir: string; distDir: string; appVersion: string; nativeBinding?: string }): Promise<Launched> {
  const embedded = launch.hubUrl
    ? null
    : await startEmbeddedHub({
        hubEntry: join(opts.distDir, 'hub', 'cli.mjs'),
        dataDir: join(opts.dataDir, 'hub'),
        extraArgs: launch.demoEid ? ['--demo-eid'] : [],
      });
  const portal = createPortalApp(
    {
      dataDir: opts.dataDir,
      ...(embedded ? { embeddedHub: { url: embedded.url, bootstrapCode: embedded.bootstrapCode } } : {}),
      appVersion: opts.appVersion,
      scrypt: SCRYPT_DEFAULT,
      ...(launch.idleLockSeconds !== undefined ? { idleLockSeconds: launch.idleLockSeconds } : {}),
    },
    opts.nativeBinding ? { open: { nativeBinding: opts.nativeBinding } } : {},
  );
  return {
    portal,
    embedded,
    stop: async () => {
      portal.close();
      await embedded?.stop();
    },
  };
}
