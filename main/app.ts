import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nowTimestamp, systemClock, type Clock } from '../common/time';
import { insertAudit } from '../db/audit';
import { openStore, workstationId } from '../db/init';
import type { OpenOptions } from '../db/open';
import type { AppConfig, AppContext } from './context';
import { createDispatcher, type Dispatch } from './dispatcher';
import { EventBus } from './events';
import { handlers } from './handlers';
import { createLogger, type Logger } from './log';
import { Sessions } from './sessions';
import { attachAutoApproval } from './services/autoApproval';
import { SyncController } from './sync/controller';
import type { SyncTransport } from './sync/transport';
import type { Store } from '../db/store';
import { idleLockMs } from './services/idle';

export interface PortalApp {
  app: AppContext;
  dispatch: Dispatch;
  close(): void;
}

export const DB_FILE = 'portal-desk.db';

/** The composition root shared by the Electron shell and the browser host. */
export function createPortalApp(
  config: AppConfig,
  opts: { clock?: Clock; log?: Logger; open?: OpenOptions; transportFor?: (hubUrl: string, store: Store) => SyncTransport } = {},
): PortalApp {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore(join(config.dataDir, DB_FILE), opts.open);
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const events = new EventBus();
  const app: AppContext = {
    store,
    clock,
    workstationId: workstationId(store),
    config,
    sessions: new Sessions(),
    events,
    log,
    sync: new SyncController({
      store,
      clock,
      log,
      events,
      ...(opts.transportFor ? { transportFor: opts.transportFor } : {}),
      ...(config.embeddedHub ? { embeddedUrl: config.embeddedHub.url } : {}),
    }),
  };
  // before the first round: requests arriving in it are decided as they land
  attachAutoApproval(app);
  app.sync.start();
  const dispatch = createDispatcher(app, handlers);

  // lock idle sessions even when no call arrives, so the screen hides patient data on time
  const idleTimer = setInterval(() => {
    const now = app.clock.now();
    for (const [clientId, s] of app.sessions.lockIdle(now, idleLockMs(app))) {
      insertAudit(store, { staffId: s.staffId, workstationId: app.workstationId }, nowTimestamp(app.clock), { action: 'auth.idleLock' });
      app.events.emitTo(clientId, 'session.changed', { reason: 'locked' });
    }
  }, 1_000);
  idleTimer.unref();

  return {
    app,
    dispatch,
    close() {
      clearInterval(idleTimer);
      app.sync.stop();
      store.close();
    },
  };
}
