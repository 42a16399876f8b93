import type { Clock } from '../common/time';
import type { Actor } from '../db/audit';
import type { CommandContext } from '../db/command';
import type { Store } from '../db/store';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { ScryptCost } from './passwords';
import type { Sessions, StaffSession } from './sessions';
import type { SyncController } from './sync/controller';

export interface AppConfig {
  dataDir: string;
  appVersion: string;
  scrypt: ScryptCost;
  /** Overrides the idle-lock setting (seconds); for kiosks and tests. */
  idleLockSeconds?: number;
  /** Writes a failure's stack to the log (development only; stacks can hold values). */
  logStacks?: boolean;
  /** A hub started alongside the app (the demo): the demo clinic enrolls with this code. */
  embeddedHub?: { url: string; bootstrapCode: string | null };
}

/** What every service function can reach: the store, the clock, sessions, events. */
export interface AppContext {
  store: Store;
  clock: Clock;
  workstationId: string;
  config: AppConfig;
  sessions: Sessions;
  events: EventBus;
  log: Logger;
  sync: SyncController;
}

export interface ClientRef {
  clientId: string;
  transport: 'ipc' | 'http';
}

/** One call: the app, who is calling, and the signed-in staff member if any. */
export interface CallContext {
  app: AppContext;
  client: ClientRef;
  session: StaffSession | undefined;
  actor: Actor;
}

export function commandContext(ctx: CallContext): CommandContext {
  return { store: ctx.app.store, actor: ctx.actor, clock: ctx.app.clock };
}

export function requireSession(ctx: CallContext): StaffSession {
  if (!ctx.session) throw new Error('handler with staff access called without a session');
  return ctx.session;
}
