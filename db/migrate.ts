import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The database is at schema ${found}, newer than this app (${supported}). Update Portal Desk.`);
    this.name = 'DatabaseTooNewError';
  }
}

/** Applies each pending migration in its own transaction together with its user_version. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  let previous = 0;
  for (const m of migrations) {
    if (m.version <= previous) throw new Error(`migration ${m.name} is out of order`);
    previous = m.version;
  }
  const latest = previous;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      if (m.sql) db.exec(m.sql);
      m.up?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
