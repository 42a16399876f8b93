import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { QueryCache } from './queries';
import type { HubDB } from './schema';

export interface HubStore {
  db: Kysely<HubDB>;
  dialect: 'sqlite' | 'postgres';
  /** Compiled SQL of the hub's hottest queries (see queries.ts). */
  queries: QueryCache;
  close(): Promise<void>;
}

/**
 * The hub's SQLite file: WAL and synchronous=FULL, checked (a hub acknowledges mutations to
 * workstations; an acknowledged mutation must survive power loss). Statements are prepared once
 * and reused, which keeps Kysely's per-query cost close to raw better-sqlite3.
 */
export function openHubSqlite(file: string): HubStore {
  // under Electron in development, better-sqlite3 built for Electron's ABI (scripts/start.mjs)
  const nativeBinding = process.env.PORTAL_NATIVE_BINDING;
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const got = [sqlite.pragma('journal_mode', { simple: true }), sqlite.pragma('synchronous', { simple: true })];
  if (got[0] !== 'wal' || got[1] !== 2) {
    sqlite.close();
    throw new Error(`hub database pragmas did not take: journal_mode=${String(got[0])} synchronous=${String(got[1])}`);
  }
  const cache = new Map<string, Database.Statement>();
  const database = {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size > 1000) cache.clear();
        stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
  const db = new Kysely<HubDB>({ dialect: new SqliteDialect({ database: database as never }) });
  return { db, dialect: 'sqlite', queries: new QueryCache(), close: () => db.destroy() };
}
