import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations as defaultMigrations, type Migration } from './migrations';

export interface OpenOptions {
  /** Path to better_sqlite3.node built for another runtime (Electron in development). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export class PragmaError extends Error {
  constructor(pragma: string, expected: unknown, actual: unknown) {
    super(`PRAGMA ${pragma} is ${String(actual)}, expected ${String(expected)}`);
    this.name = 'PragmaError';
  }
}

/**
 * Opens the workstation store and proves the durability settings took: WAL, synchronous=FULL
 * (clinic PCs lose power; NORMAL can lose the last commits), foreign keys, a busy timeout.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const db = new Database(file, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true } : {}),
  });
  try {
    applyPragmas(db);
    if (!opts.readonly) migrate(db, opts.migrations ?? defaultMigrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function applyPragmas(db: Database.Database): void {
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  verifyPragmas(db);
}

export function verifyPragmas(db: Database.Database): void {
  const expect = (name: string, want: unknown) => {
    const got = db.pragma(name, { simple: true });
    if (got !== want) throw new PragmaError(name, want, got);
  };
  expect('journal_mode', 'wal');
  expect('synchronous', 2);
  expect('foreign_keys', 1);
  expect('busy_timeout', 5000);
}
