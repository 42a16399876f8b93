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
