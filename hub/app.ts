import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../common/time';
import { hubLogger, type HubContext, type HubLogger } from './context';
import { migrateHub } from './db/migrations';
import { openHubSqlite, type HubStore } from './db/open';
import { devMailRoutes } from './notify/devMail';
import { createNotifier, type Notifier, type NotifyOptions } from './notify';
import { patientRoutes, type PatientOptions } from './patient';
import { PATIENT_SCRYPT } from './patient/passwords';
import { Pokes } from './sync/pokes';
import { syncRoutes } from './sync/routes';

export interface HubOptions {
  dataDir: string;
  publicUrl?: string;
  clock?: Clock;
  log?: HubLogger;
  /** Email and SMS delivery (hub/notify/README.md); without SMTP, the demo's mail drop. */
  notify?: NotifyOptions;
  /** The embedded demo hub: accepts the demo clinic's made-up patient records (demo.hubRows). */
  demo?: boolean;
  /** The patients' pages (hub/patient/README.md): `demoEid` (off unless asked for), scrypt cost. */
  patient?: Partial<PatientOptions>;
}

export interface Hub {
  app: FastifyInstance;
  hub: HubContext;
  notify: Notifier;
  close(): Promise<void>;
}

export const HUB_DB_FILE = 'portal-hub.db';

/** The portal hub: sync endpoints for workstations, pages for patients, delivery of email and SMS. */
export async function createHub(opts: HubOptions): Promise<Hub> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store: HubStore = openHubSqlite(join(opts.dataDir, HUB_DB_FILE));
  await migrateHub(store.db, store.dialect);
  const hub: HubContext = {
    store,
    clock: opts.clock ?? systemClock,
    pokes: new Pokes(),
    log: opts.log ?? hubLogger(),
    publicUrl: opts.publicUrl ?? '',
    demo: opts.demo ?? false,
  };
  // workstations hold event streams open: without this, stopping the hub waits for them forever
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false, forceCloseConnections: true });
  await syncRoutes(app, hub);
  await patientRoutes(app, hub, { demoEid: opts.patient?.demoEid ?? false, scrypt: opts.patient?.scrypt ?? PATIENT_SCRYPT });
  const notify = createNotifier(hub, opts.dataDir, opts.notify);
  if (notify.drop) devMailRoutes(app, notify.drop);
  return {
    app,
    hub,
    notify,
    close: async () => {
      await notify.close();
      await app.close();
      await store.close();
    },
  };
}

/** Listens on 127.0.0.1 (this machine only) unless told otherwise; returns the base URL. */
export async function listen(h: Hub, port: number, host = '127.0.0.1'): Promise<string> {
  const address = await h.app.listen({ port, host });
  if (!h.hub.publicUrl) h.hub.publicUrl = address;
  if (h.notify.autoStart) h.notify.worker.start();
  return address;
}
