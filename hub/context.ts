import type { Clock } from '../common/time';
import type { HubStore } from './db/open';
import type { Pokes } from './sync/pokes';

export interface HubLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface HubContext {
  store: HubStore;
  clock: Clock;
  pokes: Pokes;
  log: HubLogger;
  /** Where patients reach the hub's pages (links in email and SMS). */
  publicUrl: string;
  /** Started with --demo (the embedded demo hub): accepts the demo clinic's made-up patient records. */
  demo: boolean;
}

export function hubLogger(sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): HubLogger {
  const write = (level: string) => (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentHubLogger: HubLogger = { info: () => {}, warn: () => {}, error: () => {} };
