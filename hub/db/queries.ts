import { CompiledQuery, type Compilable } from 'kysely';

/**
 * Kysely builds and compiles a query afresh on every call; on the push path that cost more than
 * SQLite running the query. A query whose SQL depends only on its shape is compiled once per store
 * and shape (the key names the shape), and later calls send that SQL with their own parameters.
 * The first call checks that the parameters the caller lists are exactly the ones Kysely put into
 * the SQL, in its order, so a caller that lists them wrongly fails at once, in every test.
 */
export class QueryCache {
  private readonly sql = new Map<string, string>();

  query(key: string, params: readonly unknown[], build: () => Compilable<unknown>): CompiledQuery {
    const known = this.sql.get(key);
    if (known !== undefined) return CompiledQuery.raw(known, params as unknown[]);
    const compiled = build().compile();
    if (compiled.parameters.length !== params.length || compiled.parameters.some((p, i) => p !== params[i])) {
      throw new Error(`query "${key}": the parameters given are not the ones its SQL takes`);
    }
    this.sql.set(key, compiled.sql);
    return compiled;
  }
}
