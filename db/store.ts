import type { Database, RunResult, Statement } from 'better-sqlite3';
import {
  type Compilable,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { DB } from './schema';

const STATEMENT_CACHE_MAX = 500;

/**
 * Kysely builds the SQL (typed against db/schema.ts); better-sqlite3 runs it synchronously.
 * Synchronous execution is what makes a command one real transaction with no awaits inside,
 * and cached prepared statements keep a query within a few microseconds of raw SQLite.
 */
export class Store {
  readonly k: Kysely<DB>;
  private readonly statements = new Map<string, Statement>();

  constructor(readonly sqlite: Database) {
    this.k = new Kysely<DB>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= STATEMENT_CACHE_MAX) this.statements.clear();
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all<O>(query: Compilable<O>): O[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...bind(parameters)) as O[];
  }

  first<O>(query: Compilable<O>): O | undefined {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).get(...bind(parameters)) as O | undefined;
  }

  run(query: Compilable<unknown>): RunResult {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).run(...bind(parameters));
  }

  /** Runs `fn` in one IMMEDIATE transaction (a savepoint when nested); a throw rolls it back. */
  tx<T>(fn: () => T): T {
    if (this.sqlite.inTransaction) return this.sqlite.transaction(fn)();
    return this.sqlite.transaction(fn).immediate();
  }

  /**
   * A transaction for rows arriving from the hub. The hub keeps no foreign keys (a clinic's
   * records come from several workstations, a child can arrive before its parent), so arriving
   * rows may point at a parent that comes in a later page; local writes keep the check.
   */
  txFromHub<T>(fn: () => T): T {
    if (this.sqlite.inTransaction) return this.tx(fn);
    this.sqlite.pragma('foreign_keys = OFF');
    try {
      return this.tx(fn);
    } finally {
      this.sqlite.pragma('foreign_keys = ON');
    }
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}

function bind(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
