import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; strictly increasing in the list. */
  version: number;
  name: string;
  /** Plain SQL, or a function for data migrations; either runs inside the migration's transaction. */
  sql?: string;
  up?: (db: Database) => void;
}
