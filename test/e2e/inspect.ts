import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DB_FILE } from '../../main/app';
import type { HostProcess } from './host';

/** Opens the host's SQLite file read-only (the host keeps running and writing beside us). */
export function readDb<T>(host: HostProcess, fn: (db: Database.Database) => T): T {
  const db = new Database(join(host.dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Every table's full contents (ordered by the first column), for "nothing else was written" comparisons. */
export function snapshot(host: HostProcess): Record<string, unknown[]> {
  return readDb(host, (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
  });
}

/**
 * The client id the page's app uses with the host (it lives in a closure of the page), read off
 * its API requests so a test can ask the host about that very client's session.
 */
export function trackClientId(page: Page): () => string {
  let id: string | undefined;
  page.on('request', (r) => {
    const h = r.headers()['x-portal-client'];
    if (h) id = h;
  });
  return () => {
    if (!id) throw new Error('the page has made no API call yet');
    return id;
  };
}

/**
 * Waits until the host's first sync has settled: enrolled, snapshot loaded, nothing waiting to
 * be pushed, and a pull finished after the last push was answered. Tests that compare the
 * database before and after a step start from here, so the demo clinic's founding sync (which
 * gives every row its hub version) is not mistaken for something the step wrote.
 */
export async function waitForFirstSync(host: HostProcess, timeoutMs = 60_000): Promise<void> {
  const settled = () =>
    readDb(host, (db) => {
      const s = db.prepare('SELECT credential, snapshot_done, last_synced_at FROM sync_state WHERE id = 1').get() as
        | { credential: string | null; snapshot_done: number; last_synced_at: string | null }
        | undefined;
      if (!s?.credential || !s.snapshot_done || !s.last_synced_at) return false;
      const o = db.prepare("SELECT count(*) FILTER (WHERE state = 'pending') AS pending, max(settled_at) AS lastSettled FROM sync_outbox").get() as {
        pending: number;
        lastSettled: string | null;
      };
      return o.pending === 0 && (o.lastSettled === null || s.last_synced_at >= o.lastSettled);
    });
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    if (settled()) return;
  }
  throw new Error('the first sync with the embedded hub did not settle');
}
